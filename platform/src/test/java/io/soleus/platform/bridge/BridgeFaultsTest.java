package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.soleus.kernel.Topics;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge when processes die and when two instances share the work: each test runs its own
 * service instances on a database of its own and stops and starts them like a real restart.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class BridgeFaultsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void a_publisher_killed_after_kafka_acknowledged_but_before_its_token_committed_loses_nothing_and_resends_with_the_same_ids() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("publishercrash");
        List<SessionId> sessions = Sessions.many(3);
        Set<String> keys = sessions.stream().map(SessionId::toString).collect(Collectors.toSet());
        List<String> acknowledgedThenLost;

        try (BridgeApp app = BridgeApp.start(database, "a")) {
            PublisherCrashSwitch crash = app.bean(PublisherCrashSwitch.class);
            crash.crashesLeft.set(1);
            app.appendInterleaved(sessions, 0, 10);
            await().atMost(PATIENCE).until(() -> crash.crashesLeft.get() == 0);
            acknowledgedThenLost = List.copyOf(crash.acknowledgedBeforeCrash);
        } // the process dies here: the batch was on Kafka, its token never committed

        try (BridgeApp restarted = BridgeApp.start(database, "a")) {
            List<ConsumerRecord<String, byte[]>> records = ownRecords(TopicReader.readUntil(Topics.BOOKING,
                    read -> distinctEventIds(read, keys) >= 30
                            && ownRecords(read, keys).size() >= 30 + acknowledgedThenLost.size(), PATIENCE), keys);
            Map<String, List<ConsumerRecord<String, byte[]>>> byEventId = records.stream()
                    .collect(Collectors.groupingBy(r -> CloudEventMapping.header(r, "ce_id").orElseThrow()));

            assertThat(acknowledgedThenLost).as("Kafka had acknowledged records of the batch that died").isNotEmpty();
            assertThat(byEventId).as("every event is on the topic").hasSize(30);
            List<ConsumerRecord<String, byte[]>> lostBatch = records.stream()
                    .filter(r -> acknowledgedThenLost.contains(r.partition() + "@" + r.offset())).toList();
            assertThat(lostBatch).hasSameSizeAs(acknowledgedThenLost);
            assertThat(lostBatch).as("each record of the lost batch was sent again as the same event")
                    .allSatisfy(first -> {
                        List<ConsumerRecord<String, byte[]>> copies = byEventId.get(CloudEventMapping.header(first, "ce_id").orElseThrow());
                        assertThat(copies).hasSizeGreaterThanOrEqualTo(2);
                        assertThat(copies).extracting(r -> Arrays.hashCode(r.value())).containsOnly(Arrays.hashCode(first.value()));
                        assertThat(copies).extracting(ConsumerRecord::key).containsOnly(first.key());
                    });
            await().atMost(PATIENCE).until(() -> ReadModel.complete(restarted.jdbc(), sessions, 10));
            assertThat(ReadModel.handledEvents(restarted.jdbc(), sessions)).as("re-sent copies dropped by the consumer").isEqualTo(30);
        }
    }

    @Test
    void a_consumer_killed_mid_batch_applies_every_change_exactly_once_after_restart() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("consumercrash");
        List<SessionId> sessions = Sessions.many(3);

        try (BridgeApp app = BridgeApp.start(database, "a",
                "soleus.kafka.consumers.booking-feed.batch-size=20")) {
            SessionFeedProjection projection = app.bean(SessionFeedProjection.class);
            projection.crashesBeforeCommit.set(1);
            app.appendInterleaved(sessions, 0, 10);
            await().atMost(PATIENCE).until(() -> projection.crashesBeforeCommit.get() == 0);
        }

        try (BridgeApp restarted = BridgeApp.start(database, "a")) {
            await().atMost(PATIENCE).until(() -> ReadModel.complete(restarted.jdbc(), sessions, 10));
            assertThat(ReadModel.handledEvents(restarted.jdbc(), sessions)).isEqualTo(30);
            assertThat(ReadModel.eventsHandledTwice(restarted.jdbc(), sessions)).isZero();
        }
    }

    @Test
    void two_consumer_instances_split_the_work_with_nothing_processed_twice_and_nothing_skipped() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("twoinstances");
        List<SessionId> sessions = Sessions.many(24);
        String half = "soleus.kafka.consumers.booking-feed.max-claimed-segments=2";

        try (BridgeApp first = BridgeApp.start(database, "a", half);
             BridgeApp second = BridgeApp.start(database, "b", half)) {
            await().atMost(PATIENCE).until(() -> claimedSegments(first) == 2 && claimedSegments(second) == 2);
            first.appendInterleaved(sessions, 0, 5);

            await().atMost(PATIENCE).until(() -> ReadModel.complete(first.jdbc(), sessions, 5));
            assertThat(ReadModel.handledEvents(first.jdbc(), sessions)).isEqualTo(120);
            assertThat(ReadModel.eventsHandledTwice(first.jdbc(), sessions)).isZero();
            List<String> instances = first.jdbc().queryForList(
                    "SELECT DISTINCT instance FROM bridge_handled_event WHERE session_id = ANY (?) ORDER BY instance",
                    String.class, (Object) sessions.stream().map(SessionId::toString).toArray(String[]::new));
            assertThat(instances).as("both instances did part of the work").containsExactly("a", "b");
        }
    }

    private static int claimedSegments(BridgeApp app) {
        return BridgeApp.processor(app.context, "booking-feed").processingStatus().size();
    }

    private static List<ConsumerRecord<String, byte[]>> ownRecords(List<ConsumerRecord<String, byte[]>> records,
                                                                   Set<String> keys) {
        return records.stream().filter(r -> keys.contains(r.key())).toList();
    }

    private static long distinctEventIds(List<ConsumerRecord<String, byte[]>> records, Set<String> keys) {
        return ownRecords(records, keys).stream()
                .map(r -> CloudEventMapping.header(r, "ce_id").orElseThrow())
                .distinct()
                .count();
    }
}
