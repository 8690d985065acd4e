package io.soleus.booking.schedule;

import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

import io.soleus.booking.schedule.ScheduleKey.Kind;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Reserves and releases a session's time in the day schedules it touches. Used inside one command's
 * unit of work, so the session and all its reservations are stored in one transaction or not at all.
 */
public class Schedules {

    private final Repository<Schedule> repository;

    public Schedules(Repository<Schedule> repository) {
        this.repository = repository;
    }

    public boolean isFree(Kind kind, UUID owner, TimeSlot slot, SessionId session) {
        return ScheduleKey.covering(kind, owner, slot).stream()
                .allMatch(key -> day(key).invoke(schedule -> schedule.isFree(slot, session)));
    }

    /** Refuses, naming the rule of {@code kind} (e.g. the therapist double-booked), when the slot is not free; changes nothing. */
    public void ensureFree(Kind kind, UUID owner, TimeSlot slot, SessionId session) {
        if (!isFree(kind, owner, slot, session)) {
            throw new RuleViolationException(kind.rule, kind.message);
        }
    }

    /**
     * Takes the day schedules of {@code owner} that any of {@code slots} touches, earliest day first,
     * before any of them changes. Booking takes a therapist's, then a room's, then a client's days in
     * that order; a command touching several days of one kind (a reschedule) calls this per kind in
     * the same order, so two commands never wait for each other's schedules in a cycle.
     */
    public void lockInOrder(Kind kind, UUID owner, TimeSlot... slots) {
        Arrays.stream(slots).flatMap(slot -> ScheduleKey.covering(kind, owner, slot).stream())
                .distinct()
                .sorted(Comparator.comparing(ScheduleKey::day))
                .forEach(this::day);
    }

    public void reserve(Kind kind, UUID owner, TimeSlot slot, SessionId session) {
        ScheduleKey.covering(kind, owner, slot).forEach(key -> day(key).execute(schedule -> schedule.reserve(session, slot)));
    }

    public void release(Kind kind, UUID owner, TimeSlot slot, SessionId session) {
        ScheduleKey.covering(kind, owner, slot).forEach(key -> day(key).execute(schedule -> schedule.release(session)));
    }

    private Aggregate<Schedule> day(ScheduleKey key) {
        try {
            return repository.loadOrCreate(key.toString(), () -> new Schedule(key));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the schedule " + key, e);
        }
    }
}
