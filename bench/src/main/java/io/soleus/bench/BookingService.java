package io.soleus.bench;

import java.util.HashMap;
import java.util.Map;

import io.soleus.booking.BookingApplication;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The booking service in the benchmark's JVM, on a database of its own and the shared broker, logging only warnings; and a second instance of it. */
final class BookingService {

    private BookingService() {
    }

    static ConfigurableApplicationContext start(String database) {
        return on(SoleusInfrastructure.get().newDatabase(database));
    }

    /** A second instance of a running booking service: its database and broker, ports of its own. */
    static ConfigurableApplicationContext another(ConfigurableApplicationContext running) {
        Environment environment = running.getEnvironment();
        return on(new SoleusInfrastructure.Database(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password", "")));
    }

    private static ConfigurableApplicationContext on(SoleusInfrastructure.Database database) {
        Map<String, Object> settings = new HashMap<>(SoleusInfrastructureInitializer.properties(database));
        settings.put("server.port", 0);
        settings.put("logging.level.root", "WARN");
        // the bench's class path also holds notifications' scheduler, which has no tables in booking's database
        settings.put("db-scheduler.enabled", false);
        return new SpringApplicationBuilder(BookingApplication.class)
                .initializers(SoleusInfrastructureInitializer.overriding(settings)).run();
    }
}
