package io.soleus.booking.series;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.soleus.kernel.Require;

/**
 * How a course repeats: {@code count} sessions, every {@code everyWeeks} weeks, on the chosen
 * {@code weekdays} (the first session's weekday if none are chosen), each at the first session's
 * wall-clock time in the clinic's time zone, so a course keeps its hour across a change of clocks.
 */
public record Repeat(int count, int everyWeeks, Set<DayOfWeek> weekdays) {

    public static final int LONGEST_COURSE = 26;
    public static final int WIDEST_GAP_WEEKS = 8;

    public Repeat {
        Require.between("count", count, 2, LONGEST_COURSE);
        Require.between("everyWeeks", everyWeeks, 1, WIDEST_GAP_WEEKS);
        weekdays = weekdays == null || weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
    }

    /** The starts of the course whose first session starts at {@code first}, which is always one of them. */
    public List<Instant> starts(Instant first, ZoneId zone) {
        LocalDateTime firstLocal = LocalDateTime.ofInstant(first, zone);
        EnumSet<DayOfWeek> days = EnumSet.of(firstLocal.getDayOfWeek());
        days.addAll(weekdays);
        LocalDate monday = firstLocal.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Instant> starts = new ArrayList<>(count);
        for (int week = 0; starts.size() < count; week += everyWeeks) {
            for (DayOfWeek day : days) { // an EnumSet iterates Monday first
                LocalDate date = monday.plusWeeks(week).with(day);
                if (!date.isBefore(firstLocal.toLocalDate()) && starts.size() < count) {
                    starts.add(date.atTime(firstLocal.toLocalTime()).atZone(zone).toInstant());
                }
            }
        }
        return starts;
    }
}
