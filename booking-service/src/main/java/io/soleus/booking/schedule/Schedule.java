package io.soleus.booking.schedule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;

import io.soleus.booking.schedule.ScheduleEvents.SlotReleased;
import io.soleus.booking.schedule.ScheduleEvents.SlotReserved;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One day of one therapist's, room's or client's time: the boundary of the "never in two places
 * at once" rules. Every reservation of that day goes through this aggregate, and the event store's
 * unique (aggregate, sequence) key makes two concurrent reservations of the same day conflict, on
 * any number of service instances; the loser is retried and then sees the winner's reservation.
 */
@Aggregate
public class Schedule {

    @AggregateIdentifier
    private String scheduleId;
    private ScheduleKey.Kind kind;
    private final Map<SessionId, TimeSlot> reservations = new HashMap<>();

    protected Schedule() {
    }

    /** An empty day; it is stored only once something is reserved in it. */
    Schedule(ScheduleKey key) {
        this.scheduleId = key.toString();
        this.kind = key.kind();
    }

    public boolean isFree(TimeSlot slot, SessionId session) {
        return reservations.entrySet().stream()
                .noneMatch(reservation -> !reservation.getKey().equals(session) && reservation.getValue().overlaps(slot));
    }

    public void reserve(SessionId session, TimeSlot slot) {
        if (!isFree(slot, session)) {
            throw new RuleViolationException(kind.rule, kind.message);
        }
        apply(new SlotReserved(scheduleId, session, slot));
    }

    public void release(SessionId session) {
        if (reservations.containsKey(session)) {
            apply(new SlotReleased(scheduleId, session));
        }
    }

    @EventSourcingHandler
    void on(SlotReserved event) {
        scheduleId = event.scheduleId();
        kind = ScheduleKey.Kind.valueOf(event.scheduleId().substring(0, event.scheduleId().indexOf(':')).toUpperCase());
        reservations.put(event.sessionId(), event.slot());
    }

    @EventSourcingHandler
    void on(SlotReleased event) {
        reservations.remove(event.sessionId());
    }
}
