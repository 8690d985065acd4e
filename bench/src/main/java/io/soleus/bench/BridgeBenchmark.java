package io.soleus.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.kafka.KafkaBridgeAutoConfiguration;
import io.soleus.platform.kafka.KafkaBridgeAutoConfiguration.KafkaConsumers;
import io.soleus.platform.kafka.KafkaPublisher;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 4: the Kafka bridge against the plain clients it is built on, in one run and side by side:
 * appending through Axon vs a plain JDBC batch insert of the same rows; publishing through the
 * bridge vs a plain {@link KafkaProducer} with the same settings sending the same stored events (read
 * before its clock starts) and building the same records inside its timed loop; consuming into a
 * projection through the bridge vs a plain {@code KafkaConsumer} poll loop decoding the same records
 * and doing the same upserts.
 * Run it with {@code bench/run.sh bridge [events]}; it prints each pair and its ratio and writes
 * {@code bench/results/<date>-bridge.json} with its chart.
 */
public final class BridgeBenchmark {

    private static final int EVENTS_PER_SESSION = 10;
    private static final int APPEND_BATCH = 100;
    private static final String PLAIN_TOPIC = "bench.plain.v1";

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventStore eventStore;
    private final ObjectMapper mapper;
    private final String bootstrap;
    private final Report report;

    private BridgeBenchmark(ConfigurableApplicationContext context, String bootstrap, Report report) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.transaction = context.getBean(TransactionTemplate.class);
        this.eventStore = context.getBean(EventStore.class);
        this.mapper = context.getBean(ObjectMapper.class);
        this.bootstrap = bootstrap;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Report report = new Report("bridge", "The Kafka bridge beside the plain clients",
                "the plain client doing the same work", "bench/run.sh bridge " + events);
        SoleusInfrastructure infrastructure = SoleusInfrastructure.get();
        Map<String, Object> settings = new HashMap<>(SoleusInfrastructureInitializer.properties(infrastructure.database()));
        settings.putAll(BenchApplication.settings());
        settings.put("soleus.kafka.publisher.topic", Topics.BOOKING);
        settings.put("soleus.kafka.consumers.bench-feed.topics", Topics.BOOKING);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
                .initializers(SoleusInfrastructureInitializer.overriding(settings)).run()) {
            BridgeBenchmark bench = new BridgeBenchmark(context, infrastructure.kafkaBootstrapServers(), report);
            bench.stopAllProcessors();
            bench.run(events);
        }
        report.publish();
    }

    private void run(int events) throws Exception {
        System.out.printf(Locale.ROOT, "%nSoleus bridge benchmark: %,d events, %d per session, %d cores, Java %s%n",
                events, EVENTS_PER_SESSION, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (KafkaProducer<String, byte[]> producer = plainProducer();
             Consumer<String, byte[]> consumer = plainConsumer()) {
            // a first round warms every path up (JIT, connections, metadata) so neither side pays for it alone
            int warmUp = Math.max(1_000, events / 10);
            round(warmUp, 0, producer, consumer, false);
            round(events, warmUp, producer, consumer, true);
        }
        report.note("append", "Axon's JDBC event store, %d events per transaction, beside a plain JDBC batch insert of the same rows"
                .formatted(APPEND_BATCH));
        report.note("publish", "the bridge's publisher processor, from its start until its token has passed every event, beside"
                + " a plain KafkaProducer with the same settings sending the same stored events (read before its clock"
                + " starts), building each record in its timed loop and waiting for every acknowledgement");
        report.note("consume", "the bridge's Kafka source into a projection (inbox, one upsert per event), from its start until"
                + " every event is projected, beside a plain KafkaConsumer poll loop decoding each record and doing the same"
                + " upserts in one transaction per poll");
    }

    /** Appends, publishes and consumes {@code events} more events both ways; {@code before} are already done. */
    private void round(int events, int before, KafkaProducer<String, byte[]> producer, Consumer<String, byte[]> consumer,
                       boolean report) throws Exception {
        TrackingToken appendedAfter = eventStore.createHeadToken();
        double axonAppend = appendThroughAxon(events(events));
        double plainAppend = appendWithPlainJdbc(events(events));
        double bridgePublish = publishThroughBridge(events);
        double plainPublish = publishWithPlainProducer(producer, appendedAfter, events);
        double bridgeConsume = consumeThroughBridge(before + events, events);
        double plainConsume = consumeWithPlainConsumer(consumer, events);
        if (report) {
            figure("append", events, axonAppend, plainAppend);
            figure("publish", events, bridgePublish, plainPublish);
            figure("consume", events, bridgeConsume, plainConsume);
        }
    }

    private void figure(String step, int events, double soleus, double plain) {
        report.add(new Report.Figure(step, String.format(Locale.ROOT, "%,d events", events), "throughput", "events/s",
                soleus, plain, false));
    }

    private List<DomainEventMessage<?>> events(int count) {
        ClientId client = ClientId.random();
        TherapistId therapist = TherapistId.random();
        ClinicId clinic = ClinicId.random();
        RoomId room = RoomId.random();
        SessionTypeId type = SessionTypeId.random();
        Instant monday = Instant.parse("2026-12-07T09:00:00Z");
        List<DomainEventMessage<?>> messages = new ArrayList<>(count);
        int sessions = Math.max(1, count / EVENTS_PER_SESSION);
        List<SessionId> ids = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            ids.add(SessionId.random());
        }
        // interleaved like real traffic: round after round over all sessions
        for (int sequence = 0; messages.size() < count; sequence++) {
            for (SessionId session : ids) {
                if (messages.size() == count) {
                    break;
                }
                Instant start = monday.plus(Duration.ofHours(sequence));
                TimeSlot slot = new TimeSlot(start, start.plus(Duration.ofMinutes(45)));
                Object payload = sequence == 0
                        ? new SessionBooked(session, client, therapist, "Maya Lindqvist", clinic, room, type, "Follow-up treatment", slot,
                        "Europe/London", monday)
                        : new SessionRescheduled(session, client, therapist, clinic, room,
                        new TimeSlot(start.minus(Duration.ofHours(1)), start.minus(Duration.ofMinutes(15))), slot, monday);
                messages.add(new GenericDomainEventMessage<>("Session", session.toString(), sequence, payload));
            }
        }
        return messages;
    }

    private double appendThroughAxon(List<DomainEventMessage<?>> messages) {
        long started = System.nanoTime();
        for (int from = 0; from < messages.size(); from += APPEND_BATCH) {
            List<DomainEventMessage<?>> batch = messages.subList(from, Math.min(messages.size(), from + APPEND_BATCH));
            transaction.executeWithoutResult(status -> eventStore.publish(batch));
        }
        return rate(messages.size(), started);
    }

    /** The same rows as Axon writes: Jackson payload and metadata as bytea, timestamps as ISO text. */
    private double appendWithPlainJdbc(List<DomainEventMessage<?>> messages) throws Exception {
        long started = System.nanoTime();
        String sql = """
                INSERT INTO bench_plain_event (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                    payload, payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        for (int from = 0; from < messages.size(); from += APPEND_BATCH) {
            List<DomainEventMessage<?>> batch = messages.subList(from, Math.min(messages.size(), from + APPEND_BATCH));
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (DomainEventMessage<?> message : batch) {
                rows.add(new Object[]{message.getAggregateIdentifier(), message.getSequenceNumber(), message.getType(),
                        UUID.randomUUID().toString(), mapper.writeValueAsBytes(message.getMetaData()),
                        mapper.writeValueAsBytes(message.getPayload()), null, message.getPayloadType().getName(),
                        message.getTimestamp().toString()});
            }
            transaction.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows));
        }
        return rate(messages.size(), started);
    }

    private double publishThroughBridge(long events) {
        StreamingEventProcessor publisher = processor(KafkaPublisher.PROCESSING_GROUP);
        long head = eventStore.createHeadToken().position().orElseThrow();
        long started = System.nanoTime();
        ((EventProcessor) publisher).start();
        awaitCondition(() -> publisher.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head)
                && !publisher.processingStatus().isEmpty(), Duration.ofMinutes(10));
        double rate = rate(events, started);
        ((EventProcessor) publisher).shutDown();
        return rate;
    }

    /** One producer with the bridge's settings, its topic created and led before any clock starts. */
    private KafkaProducer<String, byte[]> plainProducer() throws Exception {
        Map<String, Object> config = new HashMap<>(KafkaBridgeAutoConfiguration.publisherProducerDefaults());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.putAll(KafkaBridgeAutoConfiguration.PUBLISHER_GUARANTEES);
        int partitions = io.soleus.kernel.Topics.PARTITIONS;
        context.getBean(Admin.class).createTopics(List.of(new NewTopic(PLAIN_TOPIC, partitions, (short) 1))).all().get();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        awaitCondition(() -> producer.partitionsFor(PLAIN_TOPIC).size() == partitions
                && producer.partitionsFor(PLAIN_TOPIC).stream().allMatch(p -> p.leader() != null), Duration.ofSeconds(30));
        return producer;
    }

    /**
     * The same records as the bridge sent: the events appended after {@code after}, read from the store
     * before the clock starts (as they are, payloads not yet decoded), then mapped by the bridge's own
     * mapping inside the timed loop, sent, and acknowledged.
     */
    private double publishWithPlainProducer(KafkaProducer<String, byte[]> producer, TrackingToken after, int count)
            throws Exception {
        CloudEventMapping mapping = context.getBean(CloudEventMapping.class);
        EventCodec codec = context.getBean(EventCodec.class);
        List<TrackedEventMessage<?>> stored = new ArrayList<>(count);
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(after)) {
            while (stored.size() < count) {
                stored.add(stream.nextAvailable());
            }
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(count);
        long started = System.nanoTime();
        for (TrackedEventMessage<?> message : stored) {
            ProducerRecord<String, byte[]> record = mapping.toRecord(message, codec.typeOf(message.getPayloadType()));
            sends.add(producer.send(new ProducerRecord<>(PLAIN_TOPIC, null, record.key(), record.value(), record.headers())));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        return rate(sends.size(), started);
    }

    private double consumeThroughBridge(long expectedTotal, long events) {
        StreamingEventProcessor consumer = processor("bench-feed");
        long started = System.nanoTime();
        ((EventProcessor) consumer).start();
        awaitCondition(() -> projected("bench_session") >= expectedTotal, Duration.ofMinutes(10));
        double rate = rate(events, started);
        ((EventProcessor) consumer).shutDown();
        return rate;
    }

    /** A consumer of the bridge's topic from its beginning, kept across rounds like the bridge's token. */
    private Consumer<String, byte[]> plainConsumer() {
        Consumer<String, byte[]> consumer = context.getBean(KafkaConsumers.class).create("bench-plain");
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.BOOKING).stream()
                .map(info -> new TopicPartition(Topics.BOOKING, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * A poll loop doing the same work without Axon: decode each record and run the projection's
     * upsert for it, one transaction per poll (as the bridge has one per batch).
     */
    private double consumeWithPlainConsumer(Consumer<String, byte[]> consumer, long events) {
        CloudEventMapping mapping = context.getBean(CloudEventMapping.class);
        String upsert = SessionCountProjection.UPSERT.formatted("bench_plain_session");
        long consumed = 0;
        long started = System.nanoTime();
        while (consumed < events) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                transaction.executeWithoutResult(status -> {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        DomainEventMessage<?> message = (DomainEventMessage<?>) mapping.toMessage(record, null).orElseThrow();
                        jdbc.update(upsert, message.getAggregateIdentifier(), message.getSequenceNumber());
                    }
                });
            }
            consumed += records.count();
        }
        return rate(consumed, started);
    }

    private long projected(String table) {
        return jdbc.queryForObject("SELECT coalesce(sum(events), 0) FROM " + table, Long.class);
    }

    private StreamingEventProcessor processor(String name) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private void stopAllProcessors() {
        context.getBean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
    }

    static double rate(long events, long startedNanos) {
        return events / ((System.nanoTime() - startedNanos) / 1e9);
    }

    /** Polls a condition the benchmark waits for; part of the measured time on purpose. */
    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark step did not finish within " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
