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
 * @param offerHold           how long a slot offered to a waitlisted client is held for them (at most until it starts);
 *                            absent for the default, as in rules set before it existed
 */
public record BookingRules(Duration minimumNotice, Integer maxUpcomingSessions, boolean newClientsOnline,
                           boolean sameDayOnline, Duration offerHold) {

    static final Duration DEFAULT_OFFER_HOLD = Duration.ofHours(2);

    /** A clinic's rules until it sets its own: an hour's notice, no limit, everyone online, same day too, offers held two hours. */
    public static final BookingRules DEFAULT = new BookingRules(Duration.ofHours(1), null, true, true, DEFAULT_OFFER_HOLD);

    public BookingRules {
        offerHold = offerHold == null ? DEFAULT_OFFER_HOLD : offerHold;
    }

    public BookingRules(Duration minimumNotice, Integer maxUpcomingSessions, boolean newClientsOnline, boolean sameDayOnline) {
        this(minimumNotice, maxUpcomingSessions, newClientsOnline, sameDayOnline, null);
    }

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
        // whole minutes, as the read model keeps them: free slots and bookings then draw the line at the same time
        if (!wholeMinutes(minimumNotice)) {
            throw new InvalidValueException("minimumNotice", "minimumNotice must be whole minutes");
        }
        if (maxUpcomingSessions != null) {
            Require.between("maxUpcomingSessions", maxUpcomingSessions, 1, MOST_UPCOMING);
        }
        if (offerHold.compareTo(Duration.ofMinutes(5)) < 0 || offerHold.compareTo(Duration.ofDays(2)) > 0 || !wholeMinutes(offerHold)) {
            throw new InvalidValueException("offerHold", "offerHold must be whole minutes between PT5M and P2D");
        }
        return this;
    }

    private static boolean wholeMinutes(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toNanosPart() == 0;
    }
}
