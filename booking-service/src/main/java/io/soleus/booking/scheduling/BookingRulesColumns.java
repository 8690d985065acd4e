package io.soleus.booking.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import io.soleus.booking.clinic.BookingRules;

/**
 * A clinic's booking rules as the read model keeps them: a row of {@code scheduling_booking_rules}
 * (alias {@code r}) joined to the clinic, or none, for a clinic that keeps the default rules.
 */
final class BookingRulesColumns {

    /** The columns {@link #read} expects, in its order. */
    static final String SELECTED = "r.minimum_notice_minutes, r.max_upcoming_sessions, r.new_clients_online, r.same_day_online, "
            + "r.offer_hold_minutes";
    static final String JOINED = "LEFT JOIN scheduling_booking_rules r ON r.clinic_id = c.clinic_id";

    private BookingRulesColumns() {
    }

    /** The rules from the {@link #SELECTED} columns starting at {@code first}. */
    static BookingRules read(ResultSet row, int first) throws SQLException {
        int notice = row.getInt(first);
        if (row.wasNull()) {
            return BookingRules.DEFAULT;
        }
        int upcoming = row.getInt(first + 1);
        Integer maxUpcoming = row.wasNull() ? null : upcoming;
        int hold = row.getInt(first + 4);
        return new BookingRules(Duration.ofMinutes(notice), maxUpcoming, row.getBoolean(first + 2), row.getBoolean(first + 3),
                row.wasNull() ? null : Duration.ofMinutes(hold));
    }
}
