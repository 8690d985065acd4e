package io.soleus.web.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Time as the pages show it: instants in the practice's time zone (a session's own clinic time is
 * shown where the session says it), today's date, and durations in words. Templates reach it as
 * {@code @times}.
 */
@Component("times")
public class Times {

    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    public Times(@Value("${soleus.web.time-zone:Europe/London}") ZoneId zone) {
        this.zone = zone;
    }

    public ZonedDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(zone);
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whole hours of a window such as the late-cancellation one, e.g. 24. */
    public long hours(Duration duration) {
        return duration == null ? 0 : duration.toHours();
    }
}
