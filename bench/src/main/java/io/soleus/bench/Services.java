package io.soleus.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.soleus.booking.BookingApplication;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.treatment.TreatmentApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Services in the benchmark's JVM, each on a database of its own and the shared broker, logging only
 * warnings: the booking service (and a second instance of it) and the treatment service.
 */
final class Services {

    private Services() {
    }

    static ConfigurableApplicationContext booking(String database) {
        return booking(database, Map.of());
    }

    /** With settings of the benchmark's own on top. */
    static ConfigurableApplicationContext booking(String database, Map<String, Object> settings) {
        return booking(SoleusInfrastructure.get().newDatabase(database), settings);
    }

    /** A second instance of a running booking service: its database and broker, ports of its own. */
    static ConfigurableApplicationContext anotherBooking(ConfigurableApplicationContext running) {
        Environment environment = running.getEnvironment();
        return booking(new SoleusInfrastructure.Database(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password", "")), Map.of());
    }

    /** The treatment service, with its own configuration file: the class path's {@code application.yml} is booking's. */
    static ConfigurableApplicationContext treatment(String database) {
        return new SpringApplicationBuilder(TreatmentApplication.class)
                .initializers(SoleusInfrastructureInitializer.overriding(settings(SoleusInfrastructure.get().newDatabase(database))))
                .run("--spring.config.location="
                        + Path.of("treatment-service/src/main/resources/application.yml").toUri());
    }

    private static ConfigurableApplicationContext booking(SoleusInfrastructure.Database database, Map<String, Object> own) {
        Map<String, Object> settings = settings(database);
        settings.putAll(own);
        return new SpringApplicationBuilder(BookingApplication.class)
                .initializers(SoleusInfrastructureInitializer.overriding(settings)).run();
    }

    private static Map<String, Object> settings(SoleusInfrastructure.Database database) {
        Map<String, Object> settings = new HashMap<>(SoleusInfrastructureInitializer.properties(database));
        settings.put("server.port", 0);
        settings.put("logging.level.root", "WARN");
        // the bench's class path also holds notifications' scheduler, which has no tables in these databases
        settings.put("db-scheduler.enabled", false);
        return settings;
    }
}
