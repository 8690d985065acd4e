package io.soleus.platform.bridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One running instance of the bridge test service, started and stopped by a test: what a test
 * needs to play restarts, crashes and a second instance on the same database.
 */
final class BridgeApp implements AutoCloseable {

    final ConfigurableApplicationContext context;

    private BridgeApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static BridgeApp start(SoleusInfrastructure.Database database, String instance, String... properties) {
        Map<String, Object> settings = new HashMap<>(SoleusInfrastructureInitializer.properties(database));
        settings.put("soleus.test.instance", instance);
        settings.put("server.port", "0");
        for (String property : properties) {
            int eq = property.indexOf('=');
            settings.put(property.substring(0, eq), property.substring(eq + 1));
        }
        return new BridgeApp(new SpringApplicationBuilder(BridgeTestApplication.class)
                .initializers(SoleusInfrastructureInitializer.overriding(settings)).run());
    }

    /** Appends the events {@code from}..{@code to}-1 of each session, interleaved across sessions. */
    static void appendInterleaved(ConfigurableApplicationContext context, List<SessionId> sessions, int from, int to) {
        EventStore eventStore = context.getBean(EventStore.class);
        TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
        for (int sequence = from; sequence < to; sequence++) {
            List<DomainEventMessage<?>> round = new ArrayList<>();
            for (SessionId session : sessions) {
                round.add(new GenericDomainEventMessage<>("Session", session.toString(), sequence,
                        Sessions.event(session, sequence)));
            }
            transaction.executeWithoutResult(status -> eventStore.publish(round));
        }
    }

    void appendInterleaved(List<SessionId> sessions, int from, int to) {
        appendInterleaved(context, sessions, from, to);
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    static StreamingEventProcessor processor(ConfigurableApplicationContext context, String name) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow();
    }

    @Override
    public void close() {
        context.close();
    }
}
