package io.soleus.booking.schedule;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.soleus.kernel.value.TimeSlot;

/**
 * Names one day (UTC) of one therapist's, room's or client's schedule. A session is reserved in
 * every day its time touches, so two overlapping sessions always meet in at least one schedule.
 */
public record ScheduleKey(Kind kind, UUID owner, LocalDate day) {

    /** Whose schedule, and the rule a clash breaks. */
    public enum Kind {
        THERAPIST("therapist-double-booked", "The therapist already has a session then"),
        ROOM("room-taken", "No room is free then"),
        CLIENT("client-double-booked", "The client already has a session then");

        final String rule;
        final String message;

        Kind(String rule, String message) {
            this.rule = rule;
            this.message = message;
        }
    }

    /** The day schedules of {@code owner} that {@code slot} touches, in order. */
    public static List<ScheduleKey> covering(Kind kind, UUID owner, TimeSlot slot) {
        LocalDate first = slot.start().atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = slot.end().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        List<ScheduleKey> keys = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            keys.add(new ScheduleKey(kind, owner, day));
        }
        return keys;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + owner + ":" + day;
    }
}
