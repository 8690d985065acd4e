package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.soleus.kernel.Topics;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.kafka.UnreadableRecord;
import io.soleus.platform.kafka.UnreadableRecordException;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicWriter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.client.RestClient;

/**
 * No record is skipped in silence. A consumer one version behind its producer parks the record it
 * cannot read in the group's dead-letter queue with the reason, the same aggregate's later events
 * wait behind it while other aggregates go on, the parked records are counted and shown to admins,
 * and after the consumer is upgraded a retry applies them in order. A malformed record is parked the
 * same way; only a contract the service has never heard of is passed over, counted.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class UnreadableRecordsTest {

    private static final String GROUP = "booking-feed";

    @Test
    void a_record_a_version_ahead_is_parked_with_its_aggregate_and_applied_after_an_upgrade() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("unreadable");
        SessionId behind = SessionId.random();
        SessionId onward = SessionId.random();
        SessionId malformed = SessionId.random();

        try (BridgeApp consumer = BridgeApp.start(database, "a", "soleus.test.notes-version=1");
             TopicWriter producer = new TopicWriter("/soleus/booking-service", SessionNotes.codec(2))) {
            producer.publish("Session", behind.toString(), Sessions.event(behind, 0));
            producer.publish("Session", behind.toString(), new SessionNotes.NotedV2(behind, "Tight left soleus", "Maya"));
            producer.publish("Session", behind.toString(), Sessions.event(behind, 1));
            producer.publish("Session", onward.toString(), Sessions.event(onward, 0));
            producer.sendRaw(unknownContract(onward));
            producer.publish("Session", onward.toString(), Sessions.event(onward, 1));
            producer.sendRaw(malformedBooking(malformed));

            // the topic also holds other tests' records: this test looks at its own aggregates only
            List<String> mine = List.of(behind.toString(), malformed.toString());
            await().atMost(Duration.ofSeconds(60)).until(() -> ReadModel.complete(consumer.jdbc(), List.of(onward), 2)
                    && parked(consumer).stream().filter(letter -> mine.contains(letter.path("aggregateId").asText())).count() == 3);
            assertThat(ReadModel.sessions(consumer.jdbc(), List.of(behind)).get(behind.toString()).events())
                    .as("the booking before the unreadable note was applied, the reschedule after it waits").isEqualTo(1);
            List<JsonNode> letters = parked(consumer);
            List<JsonNode> waiting = letters.stream().filter(letter -> letter.path("aggregateId").asText().equals(behind.toString())).toList();
            assertThat(waiting).extracting(letter -> letter.path("payloadType").asText())
                    .containsExactly(UnreadableRecord.class.getName(), "io.soleus.kernel.booking.SessionRescheduled");
            assertThat(waiting.get(0).path("causeType").asText()).isEqualTo(UnreadableRecordException.class.getName());
            assertThat(waiting.get(0).path("causeMessage").asText())
                    .isEqualTo(SessionNotes.TYPE + " v2 is newer than v1, the newest this service reads");
            assertThat(letters).filteredOn(letter -> letter.path("aggregateId").asText().equals(malformed.toString()))
                    .singleElement().satisfies(letter -> assertThat(letter.path("causeMessage").asText())
                            .startsWith("ContractDecodingException: Not a valid io.soleus.booking.SessionBooked v2"));
            MeterRegistry meters = consumer.bean(MeterRegistry.class);
            // the queue may also hold records of other tests read from the shared topic meanwhile
            assertThat(meters.get("soleus.kafka.dead.letters").tag("processor", GROUP).gauge().value())
                    .isGreaterThanOrEqualTo(3);
            // counted per read: a record read again after segments move counts again
            assertThat(meters.get("soleus.kafka.records.unreadable").tag("processor", GROUP).counter().count()).isGreaterThanOrEqualTo(2);
            assertThat(meters.get("soleus.kafka.records.passed.over").tag("processor", GROUP).counter().count()).isGreaterThanOrEqualTo(1);
            JsonNode health = admin(consumer).get().uri("/actuator/health").retrieve().body(JsonNode.class);
            assertThat(health.at("/components/eventProcessors/details/" + GROUP + "/deadLetters").asLong()).isGreaterThanOrEqualTo(3);
        }

        try (BridgeApp upgraded = BridgeApp.start(database, "a", "soleus.test.notes-version=2")) {
            JsonNode retried = admin(upgraded).post().uri("/admin/dead-letters/" + GROUP + "/retry").retrieve().body(JsonNode.class);

            assertThat(parked(upgraded)).as("the malformed booking stays parked")
                    .filteredOn(letter -> letter.path("aggregateId").asText().equals(malformed.toString())).hasSize(1);
            assertThat(parked(upgraded)).filteredOn(letter -> letter.path("aggregateId").asText().equals(behind.toString())).isEmpty();
            ReadModel.Row row = ReadModel.sessions(upgraded.jdbc(), List.of(behind)).get(behind.toString());
            assertThat(row.events()).isEqualTo(3);
            assertThat(row.outOfOrder()).isZero();
            assertThat(row.lastType()).isEqualTo("rescheduled");
            assertThat(ReadModel.eventsHandledTwice(upgraded.jdbc(), List.of(behind, onward))).isZero();
        }
    }

    /** The parked letters, as an admin sees them. */
    private static List<JsonNode> parked(BridgeApp app) {
        JsonNode queue = admin(app).get().uri("/admin/dead-letters/" + GROUP).retrieve().body(JsonNode.class);
        List<JsonNode> letters = new ArrayList<>();
        queue.path("shown").forEach(sequence -> sequence.path("letters").forEach(letters::add));
        return letters;
    }

    private static RestClient admin(BridgeApp app) {
        return RestClient.builder().baseUrl("http://localhost:" + app.context.getEnvironment().getProperty("local.server.port"))
                .defaultHeader("Authorization", "Bearer " + TestTokens.admin()).build();
    }

    /** A contract a newer producer added that this service has never heard of. */
    private static ProducerRecord<String, byte[]> unknownContract(SessionId session) {
        return record(session, "io.soleus.booking.SessionFeedbackGiven", "{\"sessionId\":\"" + session + "\"}");
    }

    /** A booking whose JSON is broken. */
    private static ProducerRecord<String, byte[]> malformedBooking(SessionId session) {
        return record(session, "io.soleus.booking.SessionBooked", "{\"sessionId\":");
    }

    private static ProducerRecord<String, byte[]> record(SessionId session, String type, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BOOKING, session.toString(),
                json.getBytes(StandardCharsets.UTF_8));
        Map.of("ce_specversion", "1.0", "ce_id", java.util.UUID.randomUUID().toString(), "ce_source", "/soleus/booking-service",
                        "ce_type", type, "content-type", "application/json", "ce_subject", session.toString(),
                        "ce_" + CloudEventMapping.CONTRACT_VERSION, "2", "ce_aggregatetype", "Session", "ce_aggregatesequence", "0")
                .forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }
}
