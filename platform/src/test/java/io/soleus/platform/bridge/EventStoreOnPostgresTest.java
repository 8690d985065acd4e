package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.kafka.KafkaInboxPruner;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Axon's event store on PostgreSQL: JSON in bytea, a schema owned by Flyway, appends guarded by the unique key. */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
class EventStoreOnPostgresTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    KafkaInboxPruner pruner;

    @Test
    void an_aggregate_stores_its_events_as_jackson_json_in_bytea() {
        ClientId client = ClientId.random();
        commands.sendAndWait(new ClientAccount.RegisterClient(client, "Runner", "runner@example.org"));
        commands.sendAndWait(new ClientAccount.ChangeEmail(client, "runner@example.net"));

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT sequence_number, payload_type, payload, pg_typeof(payload)::text AS column_type
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", client.toString());

        assertThat(rows).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L);
        assertThat(rows.get(0).get("payload_type")).isEqualTo(ClientRegistered.class.getName());
        assertThat(rows.get(0).get("column_type")).isEqualTo("bytea");
        assertThat(new String((byte[]) rows.get(0).get("payload"), StandardCharsets.UTF_8))
                .startsWith("{").contains("\"email\":\"runner@example.org\"");
        assertThat(eventStore.readEvents(client.toString()).asStream().count()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} events")
    @ValueSource(ints = {1, 99, 100, 101, 250})
    void an_aggregate_loads_every_event_it_has_around_the_read_batch(int events) {
        SessionId session = SessionId.random();
        transaction.executeWithoutResult(status -> {
            for (int sequence = 0; sequence < events; sequence++) {
                eventStore.publish(new GenericDomainEventMessage<>("Session", session.toString(), sequence,
                        Sessions.event(session, sequence)));
            }
        });

        assertThat(eventStore.readEvents(session.toString()).asStream().map(event -> event.getSequenceNumber()))
                .containsExactlyElementsOf(LongStream.range(0, events).boxed().toList());
    }

    @Test
    void two_instances_appending_the_same_sequence_number_cannot_both_succeed() throws Exception {
        SessionId session = SessionId.random();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    transaction.executeWithoutResult(status -> eventStore.publish(new GenericDomainEventMessage<>(
                            "Session", session.toString(), 0, Sessions.event(session, 0))));
                    return true;
                } catch (RuntimeException conflict) {
                    return false;
                }
            }));
        }
        start.countDown();
        List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
        for (Future<Boolean> outcome : outcomes) {
            results.add(outcome.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(results).containsOnlyOnce(true);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, session.toString())).isEqualTo(1);
    }

    @Test
    void the_inbox_forgets_ids_older_than_its_retention_and_keeps_recent_ones() {
        String old = "old-" + SessionId.random();
        String recent = "recent-" + SessionId.random();
        jdbc.update("""
                INSERT INTO kafka_inbox (processing_group, event_id, topic, kafka_partition, kafka_offset, applied_at)
                VALUES ('prune-test', ?, 't', 0, 1, now() - interval '8 days'), ('prune-test', ?, 't', 0, 2, now())""",
                old, recent);

        int pruned = pruner.prune();

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("SELECT event_id FROM kafka_inbox WHERE processing_group = 'prune-test'", String.class))
                .containsExactly(recent);
    }

    @Test
    void the_platform_schema_is_migrated_by_flyway_in_its_own_history() {
        assertThat(jdbc.queryForList("SELECT version FROM flyway_platform_history WHERE success", String.class))
                .contains("1");
        assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", String.class))
                .contains("domain_event_entry", "snapshot_event_entry", "token_entry", "dead_letter_entry",
                        "kafka_inbox", "bridge_session");
    }
}
