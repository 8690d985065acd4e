package io.soleus.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.soleus.booking.BookingApplication;
import io.soleus.notifications.NotificationsApplication;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.treatment.TreatmentApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Services in the benchmark's JVM, each on a database of its own and the shared broker, logging only
 * warnings: the booking service (and a second instance of it), the treatment service and the
 * notifications service. Each reads its own settings file from its module: the class path holds all
 * of theirs under one name.
 */
final class Services {

    private Services() {
    }

    static ConfigurableApplicationContext booking(String database) {
        return booking(database, Map.of());
    }

    /** With settings of the benchmark's own on top. */
    static ConfigurableApplicationContext booking(String database, Map<String, Object> settings) {
        return start(BookingApplication.class, "booking-service", SoleusInfrastructure.get().newDatabase(database), settings);
    }

    /** A second instance of a running booking service: its database and broker, ports of its own. */
    static ConfigurableApplicationContext anotherBooking(ConfigurableApplicationContext running) {
        Environment environment = running.getEnvironment();
        return start(BookingApplication.class, "booking-service",
                new SoleusInfrastructure.Database(environment.getRequiredProperty("spring.datasource.url"),
                        environment.getRequiredProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password", "")), Map.of());
    }

    static ConfigurableApplicationContext treatment(String database) {
        return start(TreatmentApplication.class, "treatment-service", SoleusInfrastructure.get().newDatabase(database), Map.of());
    }

    /** The notifications service with its scheduler (whose tables are in its database) and settings of the benchmark's own. */
    static ConfigurableApplicationContext notifications(String database, Map<String, Object> settings) {
        Map<String, Object> own = new HashMap<>(settings);
        own.put("db-scheduler.enabled", true);
        return start(NotificationsApplication.class, "notifications-service", SoleusInfrastructure.get().newDatabase(database), own);
    }

    private static ConfigurableApplicationContext start(Class<?> application, String module,
                                                        SoleusInfrastructure.Database database, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(SoleusInfrastructureInitializer.properties(database));
        settings.put("server.port", 0);
        settings.put("logging.level.root", "WARN");
        // notifications' scheduler is on the class path too; its tables are only in its own database
        settings.put("db-scheduler.enabled", false);
        settings.putAll(own);
        return new SpringApplicationBuilder(application)
                .initializers(SoleusInfrastructureInitializer.overriding(settings))
                .run("--spring.config.location=" + Path.of(module, "src/main/resources/application.yml").toUri());
    }
}
