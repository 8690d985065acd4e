package io.soleus.bench;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** A service stripped to what the bridge benchmark measures: event store, publisher, one Kafka-fed projection. */
@SpringBootApplication
@PropertySource("classpath:bench.properties")
public class BenchApplication {
}
