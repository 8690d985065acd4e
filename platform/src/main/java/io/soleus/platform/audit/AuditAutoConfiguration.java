package io.soleus.platform.audit;

import static io.soleus.kernel.Actor.Role.ADMIN;
import static io.soleus.kernel.Actor.Role.CLIENT;
import static io.soleus.platform.security.Who.any;
import static io.soleus.platform.security.Who.self;

import io.soleus.platform.security.AccessRules;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail of a service whose events make up clients' records ({@code soleus.audit.enabled}):
 * a processor of its own over the event store, from its first event, and the endpoint that lists a
 * client's entries to admins and to the client.
 */
@AutoConfiguration
@ConditionalOnProperty("soleus.audit.enabled")
@Import(AuditController.class)
public class AuditAutoConfiguration {

    @Bean
    ConfigurerModule auditTrailProcessor(JdbcTemplate jdbc) {
        AuditTrail trail = new AuditTrail(jdbc);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(
                        AuditTrail.PROCESSING_GROUP,
                        Configuration::eventStore,
                        (config, builder) -> builder
                                .batchSize(200)
                                // a case's events in order is all the trail needs; one segment keeps it simple
                                .initialSegmentCount(1)
                                .initialToken(StreamableMessageSource::createTailToken))
                .registerEventHandler(config -> trail)
                .assignHandlerInstancesMatching(AuditTrail.PROCESSING_GROUP, 100, handler -> handler == trail));
    }

    @Bean
    AuditEntries auditEntries(JdbcTemplate jdbc, @Value("${spring.application.name}") String service) {
        return new AuditEntries(jdbc, service);
    }

    @Bean
    AccessRules auditAccessRules() {
        return access -> access.get("/clients/{clientId}/audit").by(any(ADMIN).or(self(CLIENT, "clientId")));
    }
}
