package io.soleus.platform.bridge;

import io.soleus.kernel.codec.EventCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * A minimal service for the bridge tests: it stores booking contract events, publishes them to the
 * booking topic and feeds them back from Kafka into a projection, like treatment and notifications will.
 */
@SpringBootApplication
@PropertySource("classpath:bridge-test.properties")
public class BridgeTestApplication {

    /** The platform's contracts and the version of the test's own note this instance was built with. */
    @Bean
    EventCodec eventCodec(@Value("${soleus.test.notes-version:1}") int notesVersion) {
        return SessionNotes.codec(notesVersion);
    }
}
