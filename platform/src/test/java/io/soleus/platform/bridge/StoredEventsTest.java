package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's store holds versioned contracts: written with their version as revision and their rules
 * checked, read back at the current version through the codec's upcasters whatever version they were
 * written in, and never checked again on reading.
 */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
class StoredEventsTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_contract_is_stored_with_its_version_as_its_revision() {
        SessionId session = SessionId.random();
        transaction.executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>("Session", session.toString(), 0, Sessions.event(session, 0))));
        ClientId client = ClientId.random();
        commands.sendAndWait(new ClientAccount.RegisterClient(client, "Runner", "runner@example.org"));

        assertThat(revision(session.toString())).isEqualTo("3");
        assertThat(revision(client.toString())).isEqualTo("1");
    }

    @Test
    void a_booking_stored_as_version_one_before_revisions_were_written_is_read_as_version_two() {
        SessionId session = SessionId.random();
        SessionBooked now = (SessionBooked) Sessions.event(session, 0);
        String firstVersionJson = """
                {"sessionId":"%s","clientId":"%s","therapistId":"%s","clinicId":"%s","roomId":"%s",
                 "sessionTypeId":"%s","sessionTypeName":"Follow-up treatment",
                 "slot":{"start":"%s","end":"%s"},"clinicTimeZone":"Europe/London","bookedAt":"%s"}"""
                .formatted(session, now.clientId(), now.therapistId(), now.clinicId(), now.roomId(), now.sessionTypeId(),
                        now.slot().start(), now.slot().end(), now.bookedAt());
        store(session, null, firstVersionJson);

        List<? extends EventMessage<?>> read = eventStore.readEvents(session.toString()).asStream().toList();

        assertThat(read).hasSize(1);
        SessionBooked booked = (SessionBooked) read.get(0).getPayload();
        assertThat(booked.therapistName()).isNull();
        assertThat(booked).usingRecursiveComparison().ignoringFields("therapistName").isEqualTo(now);
    }

    @Test
    void an_event_that_broke_a_rule_made_stricter_since_still_reads() {
        SessionId session = SessionId.random();
        SessionBooked now = (SessionBooked) Sessions.event(session, 0);
        String longName = "x".repeat(300); // longer than a therapist's name may be written today
        store(session, "2", """
                {"sessionId":"%s","clientId":"%s","therapistId":"%s","therapistName":"%s","clinicId":"%s","roomId":"%s",
                 "sessionTypeId":"%s","sessionTypeName":"Follow-up treatment",
                 "slot":{"start":"%s","end":"%s"},"clinicTimeZone":"Europe/London","bookedAt":"%s"}"""
                .formatted(session, now.clientId(), now.therapistId(), longName, now.clinicId(), now.roomId(),
                        now.sessionTypeId(), now.slot().start(), now.slot().end(), now.bookedAt()));

        SessionBooked read = (SessionBooked) eventStore.readEvents(session.toString()).next().getPayload();

        assertThat(read.therapistName()).isEqualTo(longName);
    }

    @Test
    void a_command_whose_event_breaks_a_rule_fails_naming_the_field_and_stores_nothing() {
        ClientId client = ClientId.random();

        assertThatThrownBy(() -> commands.sendAndWait(new ClientAccount.RegisterClient(client, "Runner", "not-an-address")))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("email"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, client.toString())).isZero();
    }

    private String revision(String aggregate) {
        return jdbc.queryForObject("SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, aggregate);
    }

    /** A row as an earlier version of the code wrote it. */
    private void store(SessionId session, String revision, String json) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (gen_random_uuid()::text, ?, 0, 'Session',
                    '2026-03-02T18:30:00Z', ?, ?, ?, '{}'::bytea)""",
                session.toString(), SessionBooked.class.getName(), revision, json.getBytes(StandardCharsets.UTF_8));
    }
}
