package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An aggregate loaded again is read from the events held since its last load, topped up from the
 * store: never stale, never holding personal data. Held events are recognised by identity: the same
 * decoded payload object comes back.
 */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
class LoadedHistoriesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_loaded_aggregate_is_held_and_topped_up_with_what_was_appended_since() {
        SessionId session = SessionId.random();
        append(session, 0, 3);
        List<Object> first = payloads(session);

        assertThat(payloads(session)).as("held: the same decoded payloads").hasSize(3)
                .zipSatisfy(first, (again, before) -> assertThat(again).isSameAs(before));

        append(session, 3, 5); // as another instance would: the store has them, this instance has not read them
        List<Object> topped = payloads(session);

        assertThat(topped).hasSize(5);
        assertThat(topped.subList(0, 3)).zipSatisfy(first, (again, before) -> assertThat(again).isSameAs(before));
        assertThat(topped.get(3)).isEqualTo(Sessions.event(session, 3));
        assertThat(sequences(session)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void a_held_event_the_store_no_longer_has_makes_the_whole_history_read_again() {
        SessionId session = SessionId.random();
        append(session, 0, 2);
        List<DomainEventMessage<?>> held = events(session);
        // the last event held is replaced, as if the append that was seen had rolled back and another had won
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1", session.toString());
        append(session, 1, 2);

        List<DomainEventMessage<?>> read = events(session);

        assertThat(read).hasSize(2);
        assertThat(read.get(1).getIdentifier()).isNotEqualTo(held.get(1).getIdentifier());
        assertThat(read.get(0).getPayload()).as("read again from the start").isNotSameAs(held.get(0).getPayload());
    }

    @Test
    void a_history_with_personal_data_is_never_held() {
        ClientId client = ClientId.random();
        commands.sendAndWait(new ClientAccount.RegisterClient(client, "Runner", "runner@example.org"));
        Object registered = events(client.toString()).get(0).getPayload();

        assertThat(events(client.toString()).get(0).getPayload()).isNotSameAs(registered).isEqualTo(registered);
    }

    @Test
    void loads_racing_appends_on_real_threads_always_see_every_event_up_to_a_point() throws Exception {
        SessionId session = SessionId.random();
        append(session, 0, 1);
        int events = 60;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        running.add(pool.submit(() -> {
            start.await();
            for (int sequence = 1; sequence < events; sequence++) {
                append(session, sequence, sequence + 1);
            }
            return null;
        }));
        for (int reader = 0; reader < 3; reader++) {
            running.add(pool.submit(() -> {
                start.await();
                long seen = 0;
                while (seen < events) {
                    List<Long> sequences = sequences(session);
                    // a whole prefix of the history, never a gap or a repeat, and never fewer than before
                    assertThat(sequences).containsExactlyElementsOf(LongStream.range(0, sequences.size()).boxed().toList());
                    assertThat((long) sequences.size()).isGreaterThanOrEqualTo(seen);
                    seen = sequences.size();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : running) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    private void append(SessionId session, long from, long to) {
        transaction.executeWithoutResult(status -> {
            for (long sequence = from; sequence < to; sequence++) {
                eventStore.publish(new GenericDomainEventMessage<>("Session", session.toString(), sequence,
                        Sessions.event(session, sequence)));
            }
        });
    }

    private List<DomainEventMessage<?>> events(String aggregate) {
        return transaction.execute(status -> eventStore.readEvents(aggregate).asStream().<DomainEventMessage<?>>map(event -> event).toList());
    }

    private List<DomainEventMessage<?>> events(SessionId session) {
        return events(session.toString());
    }

    private List<Object> payloads(SessionId session) {
        return events(session).stream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    private List<Long> sequences(SessionId session) {
        return events(session).stream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}
