package io.soleus.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * A service stripped to what the bridge benchmark measures: event store, publisher, one Kafka-fed
 * projection. Its settings ({@code bench.properties}) are applied over everything else, as the
 * bench's class path also holds the services' own {@code application.yml}.
 */
@SpringBootApplication
public class BenchApplication {

    static Map<String, Object> settings() throws IOException {
        Properties properties = PropertiesLoaderUtils.loadProperties(new ClassPathResource("bench.properties"));
        Map<String, Object> settings = new HashMap<>();
        properties.forEach((key, value) -> settings.put((String) key, value));
        return settings;
    }
}
