package io.soleus.platform.bridge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A minimal service for the bridge tests: it stores booking contract events, publishes them to the
 * booking topic and feeds them back from Kafka into a projection, like treatment and notifications will.
 */
@SpringBootApplication
@PropertySource("classpath:bridge-test.properties")
public class BridgeTestApplication {
}
