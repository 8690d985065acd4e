package io.soleus.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.soleus.booking.client.Client;
import io.soleus.booking.client.ClientEvents;
import io.soleus.booking.clinic.Clinic;
import io.soleus.booking.schedule.Schedule;
import io.soleus.booking.session.Session;
import io.soleus.booking.session.EarlierSessions;
import io.soleus.booking.session.SessionBooking;
import io.soleus.booking.sessiontype.SessionType;
import io.soleus.booking.therapist.Therapist;
import io.soleus.booking.therapist.TherapistRegistration;
import io.soleus.kernel.RuleViolationException;
import io.soleus.platform.events.CheckedOnWrite;
import io.soleus.platform.test.MutableClock;
import org.assertj.core.api.ThrowableAssert;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Given / when / then for the booking rules, over the real aggregates and command handlers on
 * Axon's in-memory event store: given some commands, when one more is sent, then these events are
 * stored, or this rule says no.
 */
public final class BookingScenario implements AutoCloseable {

    public final MutableClock clock;
    private final Configuration axon;
    private final CommandGateway commands;
    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();

    public BookingScenario(Instant now) {
        this(now, PessimisticLockFactory.usingDefaults(), (client, clinic) -> false);
    }

    /** A scenario whose day schedules are locked by {@code scheduleLocks}, e.g. to play two commands' timing. */
    public BookingScenario(Instant now, LockFactory scheduleLocks) {
        this(now, scheduleLocks, (client, clinic) -> false);
    }

    /** A scenario where the scheduling read model remembers sessions older than the client aggregate's: {@code earlier}. */
    public BookingScenario(Instant now, EarlierSessions earlier) {
        this(now, PessimisticLockFactory.usingDefaults(), earlier);
    }

    private BookingScenario(Instant now, LockFactory scheduleLocks, EarlierSessions earlier) {
        clock = new MutableClock(now);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> store)
                .registerComponent(Clock.class, config -> clock)
                .configureAggregate(readMostly(Clinic.class))
                .configureAggregate(readMostly(Therapist.class))
                .configureAggregate(readMostly(SessionType.class))
                .configureAggregate(readMostly(Client.class))
                .configureAggregate(Session.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Schedule.class)
                        .configureLockFactory(config -> scheduleLocks))
                .registerCommandHandler(config -> new TherapistRegistration(config.repository(Therapist.class),
                        config.repository(Clinic.class)))
                .registerCommandHandler(config -> new SessionBooking(config.repository(Session.class),
                        config.repository(Client.class), config.repository(SessionType.class),
                        config.repository(Clinic.class), config.repository(Therapist.class),
                        config.repository(Schedule.class), earlier, clock, Duration.ofDays(180)))
                .start();
        // as in the service: every event's rules are checked before it is stored
        axon.eventStore().registerDispatchInterceptor(new CheckedOnWrite());
        commands = axon.commandGateway();
    }

    /** Locked as in the service (see BookingAxonConfiguration): read by bookings without Axon's in-process lock. */
    private static <A> AggregateConfigurer<A> readMostly(Class<A> aggregate) {
        return AggregateConfigurer.defaultConfiguration(aggregate).configureLockFactory(config -> NullLockFactory.INSTANCE);
    }

    public BookingScenario given(Object... given) {
        for (Object command : given) {
            commands.sendAndWait(command);
        }
        return this;
    }

    /** Sends a command as part of the given state and answers its result, e.g. a booked session. */
    public <R> R givenResult(Object command) {
        return commands.sendAndWait(command);
    }

    public Then when(Object command) {
        int before = storedEvents().size();
        try {
            commands.sendAndWait(command);
            return new Then(storedEvents().subList(before, storedEvents().size()), null);
        } catch (RuntimeException e) {
            assertThat(storedEvents()).as("a refused command stores nothing").hasSize(before);
            return new Then(List.of(), e);
        }
    }

    private List<Object> storedEvents() {
        return store.readEvents(null, false)
                .map(EventMessage::getPayload)
                .map(Object.class::cast)
                .collect(Collectors.toList());
    }

    /** What the command did: the events it stored (reservations in day schedules and clients' held sessions left out), or its refusal. */
    public record Then(List<Object> events, RuntimeException failure) {

        public List<Object> published() {
            assertThat(failure).as("the command should have succeeded").isNull();
            return events.stream().filter(event -> !event.getClass().getName().contains(".schedule.")
                    && event.getClass().getEnclosingClass() != ClientEvents.class).toList();
        }

        @SuppressWarnings("unchecked")
        public <E> E only(Class<E> type) {
            assertThat(published()).hasSize(1).first().isInstanceOf(type);
            return (E) published().get(0);
        }

        public void refusedBy(String rule) {
            assertThat(failure).as("the command should have been refused by " + rule)
                    .isInstanceOf(RuleViolationException.class);
            assertThat(((RuleViolationException) failure).rule()).isEqualTo(rule);
        }

        public void refusedWith(Class<? extends RuntimeException> type, String messagePart) {
            assertThatThrownBy(rethrow()).isInstanceOf(type).hasMessageContaining(messagePart);
        }

        private ThrowableAssert.ThrowingCallable rethrow() {
            return () -> {
                if (failure != null) {
                    throw failure;
                }
            };
        }
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
