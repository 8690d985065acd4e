package io.soleus.booking.clinic;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

/**
 * How a clinic takes bookings clients make themselves: how far ahead at least, how many upcoming
 * sessions a client may hold there, whether a client new to the clinic may book online or only
 * staff book their first session, and whether a client may book a session for today. Staff are
 * not bound by them.
 *
 * @param minimumNotice       the least time between booking online and the session's start
 * @param maxUpcomingSessions how many booked sessions ahead a client may hold at this clinic; null for no limit
 * @param newClientsOnline    whether a client with no session here yet may book online
 * @param sameDayOnline       whether a client may book online a session that starts today, the clinic's today
 */
public record BookingRules(Duration minimumNotice, Integer maxUpcomingSessions, boolean newClientsOnline,
                           boolean sameDayOnline) {

    /** A clinic's rules until it sets its own: an hour's notice, no limit, everyone online, same day too. */
    public static final BookingRules DEFAULT = new BookingRules(Duration.ofHours(1), null, true, true);

    static final Duration LONGEST_NOTICE = Duration.ofDays(14);
    static final int MOST_UPCOMING = 100;

    /** The earliest start a client may book themself at {@code now} in a clinic in {@code zone}. */
    public Instant earliestOnline(Instant now, ZoneId zone) {
        Instant earliest = now.plus(minimumNotice);
        if (sameDayOnline) {
            return earliest;
        }
        Instant tomorrow = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
        return earliest.isAfter(tomorrow) ? earliest : tomorrow;
    }

    /** Checks the rules an admin sets; rules already stored are facts and are read as they are. */
    BookingRules checked() {
        Require.present("minimumNotice", minimumNotice);
        if (minimumNotice.isNegative() || minimumNotice.compareTo(LONGEST_NOTICE) > 0) {
            throw new InvalidValueException("minimumNotice", "minimumNotice must be between PT0S and P14D");
        }
        if (maxUpcomingSessions != null) {
            Require.between("maxUpcomingSessions", maxUpcomingSessions, 1, MOST_UPCOMING);
        }
        return this;
    }
}
