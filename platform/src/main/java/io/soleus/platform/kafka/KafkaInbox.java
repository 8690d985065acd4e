package io.soleus.platform.kafka;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a Kafka-fed processing group apply each event once, by its id. Copies arrive when a
 * publisher that crashed after Kafka acknowledged a batch sends it again (same id, later offset), and
 * when a segment re-reads records after a restart or a hand-over to another instance (Kafka
 * interleaves partitions differently on every read, so a segment's token can lag on one partition
 * while the stream is ahead on another). The id is recorded in the processor's own transaction, so
 * it commits or rolls back with the read model; a reset of the group forgets its ids in the reset's
 * transaction ({@link Reset}), so a replay applies everything again, once.
 */
public class KafkaInbox implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(KafkaInbox.class);

    private final String processingGroup;
    private final JdbcTemplate jdbc;
    private final String resourceKey;

    public KafkaInbox(String processingGroup, JdbcTemplate jdbc) {
        this.processingGroup = processingGroup;
        this.jdbc = jdbc;
        this.resourceKey = KafkaInbox.class.getName() + "/" + processingGroup;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (event.getMetaData().get(CloudEventMapping.KAFKA_TOPIC) == null) {
            return interceptorChain.proceed(); // not from Kafka
        }
        if (unitOfWork.resources().containsKey(DeadLetter.class.getName())) {
            // a retry from the dead-letter queue: recorded when it first arrived, parked since, applied now
            return interceptorChain.proceed();
        }
        // one round trip per batch: record every id of the batch at its first event, keep those that were new
        Set<String> firstTime = unitOfWork.root().getOrComputeResource(resourceKey, key -> record(messagesOf(unitOfWork)));
        if (firstTime.remove(event.getIdentifier())) { // removed: a second copy in the same batch is no longer new
            return interceptorChain.proceed();
        }
        log.debug("Skipping event {} already applied by {}", event.getIdentifier(), processingGroup);
        return null;
    }

    private static List<? extends EventMessage<?>> messagesOf(UnitOfWork<? extends EventMessage<?>> unitOfWork) {
        return unitOfWork instanceof BatchingUnitOfWork<? extends EventMessage<?>> batch
                ? batch.getMessages()
                : List.of(unitOfWork.getMessage());
    }

    /** Inserts the ids of the Kafka records among {@code events}; answers those that were not there yet. */
    private Set<String> record(List<? extends EventMessage<?>> events) {
        List<EventMessage<?>> fromKafka = events.stream()
                .filter(event -> event.getMetaData().get(CloudEventMapping.KAFKA_TOPIC) != null)
                .collect(java.util.stream.Collectors.toList());
        Object[] ids = fromKafka.stream().map(EventMessage::getIdentifier).toArray();
        Object[] topics = fromKafka.stream().map(event -> event.getMetaData().get(CloudEventMapping.KAFKA_TOPIC)).toArray();
        Object[] partitions = fromKafka.stream()
                .map(event -> ((Number) event.getMetaData().get(CloudEventMapping.KAFKA_PARTITION)).intValue()).toArray();
        Object[] offsets = fromKafka.stream()
                .map(event -> ((Number) event.getMetaData().get(CloudEventMapping.KAFKA_OFFSET)).longValue()).toArray();
        return jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO kafka_inbox (processing_group, event_id, topic, kafka_partition, kafka_offset)
                    SELECT ?, id, topic, kafka_partition, kafka_offset
                    FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::bigint[]) AS r(id, topic, kafka_partition, kafka_offset)
                    ON CONFLICT (processing_group, event_id) DO NOTHING
                    RETURNING event_id""")) {
                insert.setString(1, processingGroup);
                insert.setArray(2, connection.createArrayOf("varchar", ids));
                insert.setArray(3, connection.createArrayOf("varchar", topics));
                insert.setArray(4, connection.createArrayOf("int4", partitions));
                insert.setArray(5, connection.createArrayOf("int8", offsets));
                Set<String> inserted = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
                return inserted;
            }
        });
    }

    /** Forgets a processing group's applied ids when the group is reset, in the reset's transaction. */
    public static final class Reset {
        private final String processingGroup;
        private final JdbcTemplate jdbc;

        public Reset(String processingGroup, JdbcTemplate jdbc) {
            this.processingGroup = processingGroup;
            this.jdbc = jdbc;
        }

        public boolean resets(String group) {
            return processingGroup.equals(group);
        }

        @ResetHandler
        void forgetAppliedEvents() {
            jdbc.update("DELETE FROM kafka_inbox WHERE processing_group = ?", processingGroup);
        }
    }
}
