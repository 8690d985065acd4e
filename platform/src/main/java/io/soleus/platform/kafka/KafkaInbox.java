package io.soleus.platform.kafka;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    public KafkaInbox(String processingGroup, JdbcTemplate jdbc) {
        this.processingGroup = processingGroup;
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object topic = event.getMetaData().get(CloudEventMapping.KAFKA_TOPIC);
        if (topic == null) {
            return interceptorChain.proceed(); // not from Kafka
        }
        if (unitOfWork.resources().containsKey(DeadLetter.class.getName())) {
            // a retry from the dead-letter queue: recorded when it first arrived, parked since, applied now
            return interceptorChain.proceed();
        }
        int partition = ((Number) event.getMetaData().get(CloudEventMapping.KAFKA_PARTITION)).intValue();
        long offset = ((Number) event.getMetaData().get(CloudEventMapping.KAFKA_OFFSET)).longValue();
        int firstTime = jdbc.update("""
                INSERT INTO kafka_inbox (processing_group, event_id, topic, kafka_partition, kafka_offset)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (processing_group, event_id) DO NOTHING""",
                processingGroup, event.getIdentifier(), topic, partition, offset);
        if (firstTime == 1) {
            return interceptorChain.proceed();
        }
        log.debug("Skipping event {} already applied by {} (record {}-{}@{})",
                event.getIdentifier(), processingGroup, topic, partition, offset);
        return null;
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
