package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.soleus.kernel.Topics;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.health.ProcessorMonitor;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusSpringBootTest;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** The bridge's promises in one running service: order, replay and dead letters, on a real broker. */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
class KafkaBridgeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SessionFeedProjection projection;
    @Autowired
    ProcessorMonitor monitor;
    @LocalServerPort
    int port;

    @Test
    void each_sessions_events_arrive_in_order_with_many_sessions_interleaved_over_several_partitions() {
        List<SessionId> sessions = Sessions.many(40);
        BridgeApp.appendInterleaved(context, sessions, 0, 10);

        Set<String> keys = sessions.stream().map(SessionId::toString).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(Topics.BOOKING,
                read -> read.stream().filter(r -> keys.contains(r.key())).count() >= 400, PATIENCE)
                .stream().filter(r -> keys.contains(r.key())).toList();

        assertThat(records).hasSize(400);
        assertThat(records.stream().map(ConsumerRecord::partition).distinct().count())
                .as("sessions spread over partitions").isGreaterThan(1);
        Map<String, List<Long>> sequencesPerSession = records.stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(
                        r -> Long.parseLong(CloudEventMapping.header(r, "ce_" + CloudEventMapping.AGGREGATE_SEQUENCE).orElseThrow()),
                        Collectors.toList())));
        sequencesPerSession.values().forEach(sequence ->
                assertThat(sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));

        await().atMost(PATIENCE).until(() -> ReadModel.complete(jdbc, sessions, 10));
        assertThat(ReadModel.eventsHandledTwice(jdbc, sessions)).isZero();
    }

    @Test
    void a_reset_rebuilds_the_read_model_identically_from_kafka() {
        List<SessionId> sessions = Sessions.many(10);
        BridgeApp.appendInterleaved(context, sessions, 0, 5);
        await().atMost(PATIENCE).until(() -> ReadModel.complete(jdbc, sessions, 5));
        await().atMost(PATIENCE).until(() -> monitor.lagOf("booking-feed").orElse(-1) == 0);
        List<ReadModel.Row> before = ReadModel.all(jdbc);

        StreamingEventProcessor processor = BridgeApp.processor(context, "booking-feed");
        processor.shutDown();
        processor.resetTokens();
        assertThat(ReadModel.all(jdbc)).as("the reset handler cleared the read model").isEmpty();
        processor.start();

        await().atMost(PATIENCE).until(() -> ReadModel.all(jdbc).equals(before));
    }

    @Test
    void a_poison_event_is_dead_lettered_later_events_flow_and_an_admin_retry_after_the_fix_applies_it() {
        SessionId poisoned = SessionId.random();
        List<SessionId> healthy = Sessions.many(3);
        projection.poisoned.add(poisoned.toString());
        BridgeApp.appendInterleaved(context, List.of(poisoned), 0, 3);
        BridgeApp.appendInterleaved(context, healthy, 0, 3);

        await().atMost(PATIENCE).until(() -> ReadModel.complete(jdbc, healthy, 3));
        RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.admin()).build();
        await().atMost(PATIENCE).until(() -> parkedOf(admin, poisoned) == 3);
        assertThat(ReadModel.sessions(jdbc, List.of(poisoned))).isEmpty();

        projection.poisoned.clear();
        admin.post().uri("/admin/dead-letters/booking-feed/retry").retrieve().toBodilessEntity();

        assertThat(parkedOf(admin, poisoned)).isZero();
        ReadModel.Row row = ReadModel.sessions(jdbc, List.of(poisoned)).get(poisoned.toString());
        assertThat(row.events()).isEqualTo(3);
        assertThat(row.outOfOrder()).as("the parked sequence kept its order").isZero();
    }

    /** How many letters of one aggregate are parked in the group's queue (other tests may park theirs). */
    private static long parkedOf(RestClient admin, SessionId aggregate) {
        Map<String, Object> queue = json(admin.get().uri("/admin/dead-letters/booking-feed").retrieve().body(Map.class));
        return ((List<?>) queue.get("shown")).stream()
                .flatMap(sequence -> ((List<?>) ((Map<?, ?>) sequence).get("letters")).stream())
                .filter(letter -> aggregate.toString().equals(((Map<?, ?>) letter).get("aggregateId")))
                .count();
    }

    @Test
    void a_record_that_is_no_event_is_parked_under_its_key_and_later_events_flow() throws Exception {
        try (KafkaProducer<String, byte[]> stranger = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SoleusInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            stranger.send(new ProducerRecord<>(Topics.BOOKING, "not-an-aggregate", "{ not json".getBytes())).get();
        }
        List<SessionId> sessions = Sessions.many(2);
        BridgeApp.appendInterleaved(context, sessions, 0, 2);

        await().atMost(PATIENCE).until(() -> ReadModel.complete(jdbc, sessions, 2));
        RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.admin()).build();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(
                admin.get().uri("/admin/dead-letters/booking-feed").retrieve().body(Map.class)).toString())
                .contains("aggregateId=not-an-aggregate", "causeMessage=not a CloudEvent"));
    }

    @Test
    void health_goes_down_while_a_processor_is_not_running_and_up_again_when_it_runs() {
        StreamingEventProcessor publisher = BridgeApp.processor(context, "kafka-publisher");
        RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.admin()).build();
        publisher.shutDown();
        try {
            assertThat(processorsHealth(admin)).isEqualTo("DOWN");
        } finally {
            publisher.start();
        }
        await().atMost(PATIENCE).until(() -> "UP".equals(processorsHealth(admin)));
    }

    private static String processorsHealth(RestClient admin) {
        Map<String, Object> health = json(admin.get().uri("/actuator/health")
                .exchange((request, response) -> response.bodyTo(Map.class)));
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) health.get("components")).get("eventProcessors")).get("status"));
    }

    @Test
    void dead_letters_of_a_group_without_a_queue_are_a_404_problem() {
        RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.admin()).build();

        for (String path : List.of("/admin/dead-letters/no-such-group", "/admin/dead-letters/kafka-publisher")) {
            int status = admin.get().uri(path).exchange((request, response) -> response.getStatusCode().value());
            assertThat(status).as(path).isEqualTo(404);
        }
        int retry = admin.post().uri("/admin/dead-letters/no-such-group/retry")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(retry).isEqualTo(404);
    }

    @Test
    void dead_letters_are_for_admins_only() {
        RestClient therapist = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.therapist("t-1", "c-1")).build();

        HttpStatus status = therapist.get().uri("/admin/dead-letters/booking-feed")
                .exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));

        assertThat(status).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void the_publisher_catches_up_and_reports_no_lag() {
        List<SessionId> sessions = Sessions.many(5);
        BridgeApp.appendInterleaved(context, sessions, 0, 2);

        await().atMost(PATIENCE).until(() -> monitor.lagOf("kafka-publisher").orElse(-1) == 0
                && ReadModel.complete(jdbc, sessions, 2));
        Set<String> running = new HashSet<>();
        monitor.states().forEach(state -> {
            if (state.running() && !state.error()) {
                running.add(state.name());
            }
        });
        assertThat(running).contains("kafka-publisher", "booking-feed");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Map<?, ?> body) {
        return (Map<String, Object>) body;
    }
}
