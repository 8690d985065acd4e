package io.soleus.booking.schedule;

import java.util.UUID;

import io.soleus.booking.schedule.ScheduleKey.Kind;
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
