package io.soleus.booking;

import static io.soleus.booking.Practice.ADMIN;
import static io.soleus.booking.Practice.NOW;
import static io.soleus.booking.Practice.clientUser;
import static io.soleus.booking.Practice.monday;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import io.soleus.booking.clinic.BookingRules;
import io.soleus.booking.clinic.ClinicCommands.SetBookingRules;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.session.SessionCommands.CancelSession;
import io.soleus.booking.session.SessionCommands.RescheduleSession;
import io.soleus.booking.session.SessionDetails;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A clinic's rules for the bookings clients make themselves, each told as a scenario; staff are never bound by them. */
class OnlineBookingRulesTest {

    final Practice practice = new Practice();
    final BookingScenario scenario = new BookingScenario(NOW);

    @AfterEach
    void stop() {
        scenario.close();
    }

    BookingScenario givenRiversideRules(BookingRules rules) {
        return scenario.given(practice.setUp()).given(new SetBookingRules(practice.riverside, rules));
    }

    BookSession runnerBooksOnline(Instant start) {
        return runnerBooksOnline(practice.maya, practice.riverside, start);
    }

    BookSession runnerBooksOnline(TherapistId therapist, ClinicId clinic, Instant start) {
        return new BookSession(SessionId.random(), practice.runner, therapist, clinic, practice.initialAssessment, start,
                clientUser(practice.runner));
    }

    /** {@code time} today, the scenario's Monday 23 November in London (on UTC in winter). */
    static Instant today(String time) {
        return Practice.on(LocalDate.parse("2026-11-23"), time);
    }

    @Test
    void a_clinic_without_rules_of_its_own_asks_an_hours_notice() {
        scenario.given(practice.setUp());

        scenario.when(runnerBooksOnline(today("09:45"))).refusedBy("minimum-notice");
        scenario.when(runnerBooksOnline(today("10:00"))).only(SessionBooked.class);
    }

    @Test
    void a_client_cannot_book_inside_the_clinics_minimum_notice() {
        givenRiversideRules(new BookingRules(Duration.ofHours(49), null, true, true))
                .when(runnerBooksOnline(NOW.plus(Duration.ofHours(48))))
                .refusedBy("minimum-notice");
    }

    @Test
    void staff_are_not_bound_by_the_online_rules() {
        givenRiversideRules(new BookingRules(Duration.ofDays(7), 1, false, false));

        scenario.when(practice.book(practice.runner, practice.maya, practice.riverside, today("11:00"))).only(SessionBooked.class);
        scenario.when(practice.book(practice.runner, practice.maya, practice.riverside, today("13:00"))).only(SessionBooked.class);
    }

    @Test
    void with_same_day_booking_off_a_client_cannot_book_for_today_but_can_for_tomorrow() {
        givenRiversideRules(new BookingRules(Duration.ZERO, null, true, false));

        scenario.when(runnerBooksOnline(today("15:00"))).refusedBy("no-same-day-online");
        scenario.when(runnerBooksOnline(Practice.on(LocalDate.parse("2026-11-24"), "09:00"))).only(SessionBooked.class);
    }

    @Test
    void a_client_holds_at_most_the_clinics_number_of_upcoming_sessions() {
        givenRiversideRules(new BookingRules(Duration.ZERO, 2, true, true));
        scenario.given(runnerBooksOnline(monday("09:00")), runnerBooksOnline(monday("11:00")));

        scenario.when(runnerBooksOnline(monday("13:00"))).refusedBy("max-upcoming-sessions");
    }

    @Test
    void a_cancelled_session_no_longer_counts_against_the_limit() {
        givenRiversideRules(new BookingRules(Duration.ZERO, 1, true, true));
        SessionDetails first = scenario.givenResult(runnerBooksOnline(monday("09:00")));
        scenario.given(new CancelSession(first.sessionId(), "Cannot make it", clientUser(practice.runner)));

        scenario.when(runnerBooksOnline(monday("11:00"))).only(SessionBooked.class);
    }

    @Test
    void a_session_that_has_started_is_no_longer_upcoming() {
        givenRiversideRules(new BookingRules(Duration.ZERO, 1, true, true));
        scenario.given(runnerBooksOnline(monday("09:00")));
        scenario.clock.set(monday("10:30"));

        scenario.when(runnerBooksOnline(monday("14:00"))).only(SessionBooked.class);
    }

    @Test
    void the_limit_counts_the_sessions_at_that_clinic_only() {
        givenRiversideRules(new BookingRules(Duration.ZERO, 1, true, true));
        scenario.given(runnerBooksOnline(practice.maya, practice.hillside, Practice.on(Practice.MONDAY.plusDays(1), "10:00")));

        scenario.when(runnerBooksOnline(monday("09:00"))).only(SessionBooked.class);
    }

    @Test
    void a_client_new_to_the_clinic_has_their_first_session_booked_by_staff() {
        givenRiversideRules(new BookingRules(Duration.ZERO, null, false, true));

        scenario.when(runnerBooksOnline(monday("09:00"))).refusedBy("new-clients-book-through-staff");

        scenario.given(practice.book(practice.runner, practice.maya, practice.riverside, monday("09:00")));
        scenario.when(runnerBooksOnline(Practice.on(Practice.MONDAY.plusWeeks(1), "09:00"))).only(SessionBooked.class);
    }

    @Test
    void a_client_whose_only_session_there_was_cancelled_is_still_new() {
        givenRiversideRules(new BookingRules(Duration.ZERO, null, false, true));
        SessionDetails first = scenario.givenResult(practice.book(practice.runner, practice.maya, practice.riverside, monday("09:00")));
        scenario.given(new CancelSession(first.sessionId(), "Booked by mistake", ADMIN));

        scenario.when(runnerBooksOnline(Practice.on(Practice.MONDAY.plusWeeks(1), "09:00")))
                .refusedBy("new-clients-book-through-staff");
    }

    @Test
    void a_client_with_a_session_there_from_before_the_rule_is_not_new() {
        try (BookingScenario remembering = new BookingScenario(NOW, (client, clinic) -> client.equals(practice.runner))) {
            remembering.given(practice.setUp()).given(new SetBookingRules(practice.riverside,
                    new BookingRules(Duration.ZERO, null, false, true)));

            remembering.when(runnerBooksOnline(monday("09:00"))).only(SessionBooked.class);
        }
    }

    @Test
    void notice_is_set_in_whole_minutes() {
        scenario.given(practice.setUp());

        scenario.when(new SetBookingRules(practice.riverside, new BookingRules(Duration.ofSeconds(90), null, true, true)))
                .refusedWith(InvalidValueException.class, "whole minutes");
    }

    @Test
    void a_client_cannot_move_a_session_inside_the_minimum_notice_but_the_clinic_can() {
        givenRiversideRules(new BookingRules(Duration.ofDays(2), null, true, true));
        SessionDetails session = scenario.givenResult(runnerBooksOnline(monday("10:00")));

        scenario.when(new RescheduleSession(session.sessionId(), NOW.plus(Duration.ofDays(1)), clientUser(practice.runner)))
                .refusedBy("minimum-notice");
        scenario.when(new RescheduleSession(session.sessionId(), NOW.plus(Duration.ofDays(1)), ADMIN))
                .only(SessionRescheduled.class);
    }

    @Test
    void a_moved_session_counts_from_its_new_time() {
        givenRiversideRules(new BookingRules(Duration.ZERO, 1, true, true));
        SessionDetails session = scenario.givenResult(runnerBooksOnline(monday("10:00")));
        scenario.given(new RescheduleSession(session.sessionId(), today("11:00"), ADMIN));
        scenario.clock.set(today("12:30"));

        scenario.when(runnerBooksOnline(monday("10:00"))).only(SessionBooked.class);
    }

    @Test
    void the_rules_are_checked_when_set() {
        scenario.given(practice.setUp());

        scenario.when(new SetBookingRules(practice.riverside, new BookingRules(Duration.ofDays(15), null, true, true)))
                .refusedWith(InvalidValueException.class, "minimumNotice");
        scenario.when(new SetBookingRules(practice.riverside, new BookingRules(Duration.ofHours(-1), null, true, true)))
                .refusedWith(InvalidValueException.class, "minimumNotice");
        scenario.when(new SetBookingRules(practice.riverside, new BookingRules(Duration.ZERO, 0, true, true)))
                .refusedWith(InvalidValueException.class, "maxUpcomingSessions");
    }

    @Test
    void the_earliest_online_start_follows_notice_and_same_day() {
        assertThat(new BookingRules(Duration.ofHours(2), null, true, true).earliestOnline(NOW, Practice.LONDON))
                .isEqualTo(today("11:00"));
        assertThat(new BookingRules(Duration.ofHours(2), null, true, false).earliestOnline(NOW, Practice.LONDON))
                .isEqualTo(Practice.on(LocalDate.parse("2026-11-24"), "00:00"));
        assertThat(new BookingRules(Duration.ofDays(3), null, true, false).earliestOnline(NOW, Practice.LONDON))
                .isEqualTo(NOW.plus(Duration.ofDays(3)));
    }
}
