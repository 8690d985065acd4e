package io.soleus.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes this service's contract events from its event store to Kafka. It runs in a streaming
 * processor over the event store (the store is the outbox): each batch of events is sent
 * asynchronously, and the batch's unit of work only commits, and so advances the processor's token,
 * once Kafka has acknowledged every record, waiting at most the given timeout (shorter than a
 * segment's claim lasts). A batch that gave up waiting is retried with the sends it made, not sent
 * again; a crash in between re-sends the batch with the same {@code ce_id}s, and consumers drop those
 * duplicates.
 */
public class KafkaPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String BATCH_RESOURCE = KafkaPublisher.class.getName() + ".batch";
    private static final int MOST_UNCONFIRMED = 50_000;

    private final Producer<String, byte[]> producer;
    private final EventCodec codec;
    private final CloudEventMapping mapping;
    private final String topic;
    private final Duration acknowledgeTimeout;
    private final List<AcknowledgedBatchListener> listeners;
    private final Runnable ensureTopic;
    /**
     * The sends of batches that gave up waiting, by event id: Kafka may still take them, so the
     * batch's retry waits for the same send instead of sending the event a second time. Forgotten once
     * a batch with them commits; bounded.
     */
    private final Map<String, Future<RecordMetadata>> unconfirmed = new ConcurrentHashMap<>();

    /**
     * @param acknowledgeTimeout how long a batch waits for Kafka inside its transaction; shorter than the
     *                           segment's claim lasts
     * @param ensureTopic creates the topic if it is missing (where allowed) and checks its settings;
     *                    called after a failed batch, so a broker that was down (or lost the topic)
     *                    when the service started is caught up on
     */
    public KafkaPublisher(Producer<String, byte[]> producer, EventCodec codec, CloudEventMapping mapping, String topic,
                          Duration acknowledgeTimeout, List<AcknowledgedBatchListener> listeners, Runnable ensureTopic) {
        this.producer = producer;
        this.codec = codec;
        this.mapping = mapping;
        this.topic = topic;
        this.acknowledgeTimeout = acknowledgeTimeout;
        this.listeners = List.copyOf(listeners);
        this.ensureTopic = ensureTopic;
    }

    /**
     * A plain handler rather than an annotated one: it sees every event of the store, so the
     * per-event cost of annotation dispatch is worth saving, and internal events are skipped by
     * their type without deserializing them.
     */
    @Override
    public Object handle(EventMessage<?> message) {
        Class<?> payloadType = message.getPayloadType();
        if (!codec.isContract(payloadType)) {
            return null; // internal event of this service: never leaves it
        }
        ContractType type = codec.typeOf(payloadType);
        if (!type.topic().equals(topic)) {
            return null; // another service's contract (e.g. replayed into this store): not ours to publish
        }
        String id = message.getIdentifier();
        Future<RecordMetadata> send = unconfirmed.get(id);
        if (send == null || failed(send)) {
            send = producer.send(mapping.toRecord(message, type));
        }
        pendingBatch().add(id, send);
        return null;
    }

    private static boolean failed(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The event store is the outbox: replaying it would only re-send what consumers already have. */
    @Override
    public boolean supportsReset() {
        return false;
    }

    private PendingBatch pendingBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            PendingBatch batch = new PendingBatch();
            unitOfWork.onPrepareCommit(u -> batch.awaitAcknowledgements());
            // forgotten only once the token has moved past them: a commit that fails retries with them
            unitOfWork.afterCommit(u -> {
                if (!unconfirmed.isEmpty()) {
                    batch.sends.keySet().forEach(unconfirmed::remove);
                }
            });
            return batch;
        });
    }

    /** Told after Kafka acknowledged a batch and before the processor's token commits. */
    public interface AcknowledgedBatchListener {
        void acknowledged(List<RecordMetadata> records);
    }

    private final class PendingBatch {
        private final Map<String, Future<RecordMetadata>> sends = new LinkedHashMap<>();

        void add(String eventId, Future<RecordMetadata> send) {
            sends.put(eventId, send);
        }

        /** Waits for every send, within the timeout: no unbounded flush, the producer sends after its short linger. */
        void awaitAcknowledgements() {
            List<RecordMetadata> acknowledged = new ArrayList<>(sends.size());
            long deadline = System.nanoTime() + acknowledgeTimeout.toNanos();
            try {
                for (Future<RecordMetadata> send : sends.values()) {
                    acknowledged.add(send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaPublishException("Interrupted while waiting for Kafka to acknowledge", e);
            } catch (TimeoutException e) {
                // the unit of work rolls back and the processor retries the batch from its last token,
                // waiting for these sends, which Kafka may still take, rather than sending them again
                keepWaitingFor(sends);
                ensureTopic.run();
                throw new KafkaPublishException("Kafka did not acknowledge the batch in time", e);
            } catch (ExecutionException e) {
                ensureTopic.run();
                throw new KafkaPublishException("Kafka did not acknowledge the batch", e);
            }
            listeners.forEach(listener -> listener.acknowledged(acknowledged));
        }
    }

    private void keepWaitingFor(Map<String, Future<RecordMetadata>> sends) {
        if (unconfirmed.size() + sends.size() > MOST_UNCONFIRMED) {
            // sends of batches another instance has taken over since, say: those done are forgotten
            unconfirmed.values().removeIf(Future::isDone);
        }
        if (unconfirmed.size() + sends.size() <= MOST_UNCONFIRMED) {
            unconfirmed.putAll(sends);
        }
    }

    public static class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
