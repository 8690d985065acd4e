package io.soleus.platform.events;

import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.codec.PersonalData;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A service's event store holds versioned events: published contracts carry their version as the
 * stored revision and are upcast on reading; their rules are checked once, on writing.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class StoredEventsAutoConfiguration {

    /** The contracts, with personal values sealed where the service has a key store ({@code soleus.crypto.enabled}). */
    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(ObjectProvider<PersonalData> personalData) {
        PersonalData personal = personalData.getIfAvailable();
        return personal == null ? EventCodec.standard() : EventCodec.standard().sealing(personal);
    }

    @Bean
    RevisionResolver revisionResolver() {
        return new ContractRevisions();
    }

    @Bean
    EventUpcaster storedContractUpcaster(EventCodec codec) {
        return new StoredContractUpcaster(codec);
    }

    /** Registered once the event bus exists; every event published afterwards is checked. */
    @Bean
    InitializingBean checkedOnWrite(EventBus eventBus) {
        return () -> eventBus.registerDispatchInterceptor(new CheckedOnWrite());
    }
}
