package io.soleus.platform.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka topics as an Axon {@link StreamableMessageSource}. A processor's position is a
 * {@link KafkaPositionToken} kept in the service's own token store, never in a Kafka consumer group:
 * partitions are assigned manually and every stream reads all partitions of its topics. The pooled
 * streaming processor then hands each event to the segment its aggregate id hashes to, so segments
 * (and the service instances claiming them) split the work independently of the partition count,
 * and one aggregate's events stay in order in one segment. Reading everything per instance costs
 * bandwidth, which is small at a practice's event rates; in return there is exactly one owner of a
 * position (the token claim) instead of two (a claim and a group rebalance).
 */
public class KafkaEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventSource.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(5);
    private static final Duration MIN_WAIT = Duration.ofMillis(100);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<String> topics;
    private final CloudEventMapping mapping;
    private final Counter passedOver;
    private final Counter unreadableRecords;

    /** A source counting, per processing group, the records it passes over and those it cannot read. */
    public KafkaEventSource(Supplier<Consumer<String, byte[]>> consumers, List<String> topics, CloudEventMapping mapping,
                            MeterRegistry meters, String group) {
        this.consumers = consumers;
        this.topics = List.copyOf(topics);
        this.mapping = mapping;
        this.passedOver = Counter.builder("soleus.kafka.records.passed.over")
                .description("Records of a contract this service does not know, which none of its handlers can ask for")
                .tag("processor", group).register(meters);
        this.unreadableRecords = Counter.builder("soleus.kafka.records.unreadable")
                .description("Records of a known contract this service could not read, parked in the dead-letter queue")
                .tag("processor", group).register(meters);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(trackingToken);
        KafkaPositionToken start = unwrapped == null ? KafkaPositionToken.empty() : (KafkaPositionToken) unwrapped;
        return new KafkaEventStream(consumers.get(), start);
    }

    @Override
    public TrackingToken createTailToken() {
        return KafkaPositionToken.empty();
    }

    @Override
    public TrackingToken createHeadToken() {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            Map<TopicPartition, Long> lastOffsets = new HashMap<>();
            consumer.endOffsets(partitions(consumer)).forEach((partition, end) -> {
                if (end > 0) {
                    lastOffsets.put(partition, end - 1);
                }
            });
            return KafkaPositionToken.of(lastOffsets);
        }
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> query = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> dateTime.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> lastBefore = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp first = found.get(partition);
                long firstAtOrAfter = first == null ? ends.getOrDefault(partition, 0L) : first.offset();
                if (firstAtOrAfter > 0) {
                    lastBefore.put(partition, firstAtOrAfter - 1);
                }
            }
            return KafkaPositionToken.of(lastBefore);
        }
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        return partitions;
    }

    /** One processor's read of the topics; used by the processor's coordinator thread only. */
    private final class KafkaEventStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Consumer<String, byte[]> consumer;
        /** Held while the consumer is in use; KafkaConsumer allows one thread at a time. */
        private final ReentrantLock inUse = new ReentrantLock();
        private final ArrayDeque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private KafkaPositionToken position;
        private long nextPartitionRefresh;
        private volatile boolean closed;

        KafkaEventStream(Consumer<String, byte[]> consumer, KafkaPositionToken start) {
            this.consumer = consumer;
            this.position = start;
            try {
                refreshPartitions();
            } catch (RuntimeException brokerUnreachable) {
                consumer.close(Duration.ZERO); // the processor retries opening; don't leak a consumer per try
                throw brokerUnreachable;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (buffer.isEmpty()) {
                fill(Duration.ZERO);
            }
            return Optional.ofNullable(buffer.peek());
        }

        /**
         * Waits at least {@link #MIN_WAIT} for records: the processor asks without a timeout and, on
         * "no", sleeps half a second (this stream has no availability callback), while Kafka hands
         * over fetched records only on a later poll. A short wait here keeps a busy topic flowing.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            if (buffer.isEmpty()) {
                fill(Duration.ofNanos(Math.max(unit.toNanos(timeout), MIN_WAIT.toNanos())));
            }
            return !buffer.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (buffer.isEmpty()) {
                if (closed) {
                    throw new IllegalStateException("Stream closed");
                }
                fill(POLL);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            return buffer.poll();
        }

        /** Closes at once, or, while the processor's thread is polling, wakes it to close on its way out. */
        @Override
        public void close() {
            closed = true;
            if (inUse.tryLock()) {
                try {
                    closeConsumer();
                } finally {
                    inUse.unlock();
                }
            } else {
                consumer.wakeup(); // the polling thread returns at once and lets go of the consumer
                inUse.lock();
                try {
                    closeConsumer();
                } finally {
                    inUse.unlock();
                }
            }
        }

        private boolean consumerClosed;

        private void closeConsumer() {
            if (!consumerClosed) {
                consumerClosed = true;
                consumer.close(Duration.ofSeconds(1));
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return false; // no push: the processor polls with hasNextAvailable
        }

        private void fill(Duration timeout) {
            inUse.lock();
            try {
                poll(timeout);
            } catch (WakeupException woken) {
                // close() was called while polling
            } finally {
                if (closed) {
                    closeConsumer();
                }
                inUse.unlock();
            }
        }

        private void poll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                if (closed) {
                    return;
                }
                if (System.nanoTime() >= nextPartitionRefresh) {
                    refreshPartitions();
                }
                long remaining = Math.max(0, deadline - System.nanoTime());
                if (consumer.assignment().isEmpty()) {
                    awaitTopics(Math.min(remaining, POLL.toNanos()));
                    continue;
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofNanos(Math.min(remaining, POLL.toNanos())));
                for (ConsumerRecord<String, byte[]> record : records) {
                    position = position.advancedTo(new TopicPartition(record.topic(), record.partition()), record.offset());
                    toMessage(record).ifPresent(buffer::add);
                }
            } while (buffer.isEmpty() && System.nanoTime() < deadline);
        }

        /**
         * A record of a contract this service has never heard of is passed over, counted: none of its
         * handlers can ask for it. Every other record goes on, an unreadable one as an
         * {@link UnreadableRecord} to be parked. The log names the record, never its content, which
         * may hold personal data.
         */
        private Optional<TrackedEventMessage<?>> toMessage(ConsumerRecord<String, byte[]> record) {
            Optional<TrackedEventMessage<?>> message = mapping.toMessage(record, position);
            if (message.isEmpty()) {
                passedOver.increment();
                log.debug("Passing over a record of a contract unknown here at {}-{}@{}", record.topic(), record.partition(),
                        record.offset());
            } else if (message.get().getPayload() instanceof UnreadableRecord unreadable) {
                unreadableRecords.increment();
                log.warn("Unreadable record at {}-{}@{}, to be parked: {}", record.topic(), record.partition(), record.offset(),
                        unreadable.reason());
            }
            return message;
        }

        /** No topic exists yet: wait a little before asking the broker again. */
        private void awaitTopics(long nanos) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Picks up topics created after the stream opened and partitions added to them. */
        private void refreshPartitions() {
            nextPartitionRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
            Set<TopicPartition> current = consumer.assignment();
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            if (current.containsAll(all)) {
                return;
            }
            consumer.assign(all);
            Collection<TopicPartition> added = all.stream().filter(p -> !current.contains(p)).toList();
            List<TopicPartition> fromBeginning = new ArrayList<>();
            for (TopicPartition partition : added) {
                long last = position.lastConsumed(partition);
                if (last < 0) {
                    fromBeginning.add(partition);
                } else {
                    consumer.seek(partition, last + 1);
                }
            }
            if (!fromBeginning.isEmpty()) {
                consumer.seekToBeginning(fromBeginning);
            }
        }
    }
}
