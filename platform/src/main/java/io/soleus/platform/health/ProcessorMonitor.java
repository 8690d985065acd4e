package io.soleus.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.soleus.platform.kafka.KafkaBridgeProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Watches this instance's streaming processors: how far behind their source's head they are (in
 * events), whether they run, and whether they are stuck (work waiting, no progress for a while).
 * Feeds the health indicator and the lag gauges.
 */
public class ProcessorMonitor {

    private static final Duration HEAD_CACHE = Duration.ofSeconds(2);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Admin admin;
    private final KafkaBridgeProperties properties;
    private final Clock clock;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, CachedHead> heads = new ConcurrentHashMap<>();

    public ProcessorMonitor(EventProcessingConfiguration processing, EventStore eventStore, Admin admin,
                            KafkaBridgeProperties properties, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.admin = admin;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one processor looks like right now on this instance. */
    public record ProcessorState(String name, boolean running, boolean error, int claimedSegments,
                                 long lag, boolean stuck, long deadLetters) {
    }

    public List<ProcessorState> states() {
        List<ProcessorState> states = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                states.add(stateOf(name, streaming));
            }
        });
        return states;
    }

    public OptionalLong lagOf(String processorName) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> stateOf(processorName, processor).lag())
                .filter(lag -> lag >= 0)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    private ProcessorState stateOf(String name, StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        boolean error = segments.stream().anyMatch(EventTrackerStatus::isErrorState);
        long lowest = segments.stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(0L))
                .min()
                .orElse(-1L);
        long lag = -1;
        if (lowest >= 0) {
            long head = headOf(name);
            lag = head < 0 ? -1 : Math.max(0, head - lowest);
        }
        boolean stuck = isStuck(name, lowest, lag);
        return new ProcessorState(name, processor.isRunning(), error, segments.size(), lag, stuck, deadLettersOf(name));
    }

    /** The events parked in a processor's dead-letter queue, or -1 for a processor without one. */
    public long deadLettersOf(String processorName) {
        return processing.deadLetterQueue(processorName).map(queue -> queue.size()).orElse(-1L);
    }

    private boolean isStuck(String name, long position, long lag) {
        Instant now = clock.instant();
        Progress previous = progress.get(name);
        if (previous == null || previous.position() != position || lag <= 0) {
            progress.put(name, new Progress(position, now));
            return false;
        }
        return Duration.between(previous.since(), now).compareTo(properties.getStuckAfter()) > 0;
    }

    private long headOf(String processorName) {
        CachedHead cached = heads.get(processorName);
        Instant now = clock.instant();
        if (cached != null && cached.at().plus(HEAD_CACHE).isAfter(now)) {
            return cached.position();
        }
        long head = readHead(processorName);
        heads.put(processorName, new CachedHead(head, now));
        return head;
    }

    private long readHead(String processorName) {
        KafkaBridgeProperties.Consumer consumer = properties.getConsumers().get(processorName);
        if (consumer != null) {
            return kafkaHead(consumer.getTopics());
        }
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(-1L);
    }

    /** Records on the topics (sum of end offsets), comparable with a Kafka position token's position. */
    private long kafkaHead(List<String> topics) {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                    latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    private record Progress(long position, Instant since) {
    }

    private record CachedHead(long position, Instant at) {
    }
}
