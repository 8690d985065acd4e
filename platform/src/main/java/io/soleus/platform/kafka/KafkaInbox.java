package io.soleus.platform.kafka;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drops re-sent copies of an event before a Kafka-fed processing group handles it. A publisher
 * that crashed after Kafka acknowledged a batch sends it again: same event id, later offset. The
 * first record of an id is recorded here in the processor's transaction, so the copy is skipped;
 * the same record read again (a replay after a reset) is handled again, which keeps replays whole.
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
        int partition = ((Number) event.getMetaData().get(CloudEventMapping.KAFKA_PARTITION)).intValue();
        long offset = ((Number) event.getMetaData().get(CloudEventMapping.KAFKA_OFFSET)).longValue();
        if (firstSeenHere(event.getIdentifier(), topic.toString(), partition, offset)) {
            return interceptorChain.proceed();
        }
        log.debug("Skipping re-sent event {} at {}-{}@{}", event.getIdentifier(), topic, partition, offset);
        return null;
    }

    private boolean firstSeenHere(String eventId, String topic, int partition, long offset) {
        int inserted = jdbc.update("""
                INSERT INTO kafka_inbox (processing_group, event_id, topic, kafka_partition, kafka_offset)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (processing_group, event_id) DO NOTHING""",
                processingGroup, eventId, topic, partition, offset);
        if (inserted == 1) {
            return true;
        }
        List<Boolean> sameRecord = jdbc.queryForList("""
                SELECT topic = ? AND kafka_partition = ? AND kafka_offset = ?
                FROM kafka_inbox WHERE processing_group = ? AND event_id = ?""",
                Boolean.class, topic, partition, offset, processingGroup, eventId);
        return !sameRecord.isEmpty() && sameRecord.get(0);
    }
}
