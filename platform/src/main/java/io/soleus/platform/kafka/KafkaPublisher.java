package io.soleus.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * once Kafka has acknowledged every record. A crash in between re-sends the batch with the same
 * {@code ce_id}s; consumers drop those duplicates.
 */
public class KafkaPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String BATCH_RESOURCE = KafkaPublisher.class.getName() + ".batch";

    private final Producer<String, byte[]> producer;
    private final EventCodec codec;
    private final CloudEventMapping mapping;
    private final String topic;
    private final Duration acknowledgeTimeout;
    private final List<AcknowledgedBatchListener> listeners;
    private final Runnable ensureTopic;

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
        pendingBatch().add(producer.send(mapping.toRecord(message, type)));
        return null;
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
            return batch;
        });
    }

    /** Told after Kafka acknowledged a batch and before the processor's token commits. */
    public interface AcknowledgedBatchListener {
        void acknowledged(List<RecordMetadata> records);
    }

    private final class PendingBatch {
        private final List<Future<RecordMetadata>> sends = new ArrayList<>();

        void add(Future<RecordMetadata> send) {
            sends.add(send);
        }

        /** Waits for every send, within the timeout: no unbounded flush, the producer sends after its short linger. */
        void awaitAcknowledgements() {
            List<RecordMetadata> acknowledged = new ArrayList<>(sends.size());
            long deadline = System.nanoTime() + acknowledgeTimeout.toNanos();
            try {
                for (Future<RecordMetadata> send : sends) {
                    acknowledged.add(send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaPublishException("Interrupted while waiting for Kafka to acknowledge", e);
            } catch (ExecutionException | TimeoutException e) {
                // the unit of work rolls back; the processor retries the batch from its last token
                ensureTopic.run();
                throw new KafkaPublishException("Kafka did not acknowledge the batch", e);
            }
            listeners.forEach(listener -> listener.acknowledged(acknowledged));
        }
    }

    public static class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
