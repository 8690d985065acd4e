package io.soleus.booking;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.InvalidValueException;

/**
 * A weekly pattern of hours, such as a clinic's opening hours or a therapist's availability at a
 * clinic: per weekday, non-overlapping spans in the clinic's time zone. On the wire
 * {@code {"MONDAY":[{"from":"09:00","to":"17:00"}]}}.
 */
public record WeeklyHours(@JsonValue Map<DayOfWeek, List<Hours>> days) {

    public static final WeeklyHours NONE = new WeeklyHours(Map.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public WeeklyHours {
        EnumMap<DayOfWeek, List<Hours>> sorted = new EnumMap<>(DayOfWeek.class);
        if (days != null) {
            days.forEach((day, hours) -> {
                if (day == null) {
                    throw new InvalidValueException("days", "every entry needs a weekday");
                }
                List<Hours> ordered = hours == null ? List.of()
                        : hours.stream().sorted(Comparator.comparing(Hours::from)).toList();
                if (ordered.stream().anyMatch(Objects::isNull)) {
                    throw new InvalidValueException(day.name(), day + " must not hold empty entries");
                }
                for (int i = 1; i < ordered.size(); i++) {
                    if (ordered.get(i - 1).overlaps(ordered.get(i))) {
                        throw new InvalidValueException(day.name(), day + " has overlapping hours");
                    }
                }
                if (!ordered.isEmpty()) {
                    sorted.put(day, ordered);
                }
            });
        }
        days = Collections.unmodifiableMap(sorted);
    }

    public List<Hours> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    /** Whether [start, end) lies on one day and inside one of that weekday's spans. */
    public boolean covers(LocalDateTime start, LocalDateTime end) {
        return start.toLocalDate().equals(end.toLocalDate())
                && on(start.getDayOfWeek()).stream().anyMatch(hours -> hours.contains(start.toLocalTime(), end.toLocalTime()));
    }
}
