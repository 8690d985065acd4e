package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Courses of treatment over HTTP: several sessions with one therapist booked as one request, the
 * dates that conflict reported with the nearest free time, all or nothing on request, and a session
 * moved or cancelled together with all that follow it, each change told once by its series event.
 */
@BookingServiceTest
class CoursesOfTreatmentTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    JdbcTemplate jdbc;

    BookingApi api;
    String clinic;
    String maya;
    String treatment;
    String runner;
    String other;

    @BeforeEach
    void aClinicWithOneTherapist() {
        api = new BookingApi(port);
        clinic = api.openClinic("Course clinic " + UUID.randomUUID(), "Europe/London", "08:00", "20:00", "The only room");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        treatment = api.defineSessionType("Follow-up treatment", 60, 15, maya);
        runner = api.registerClient("Riley Runner", "riley@example.org");
        other = api.registerClient("Olu Other", "olu@example.org");
    }

    Map<String, Object> course(Instant start, int count, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("clientId", runner, "therapistId", maya, "clinicId", clinic,
                "sessionTypeId", treatment, "start", start.toString(), "count", count));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    Instant week(int weeks, String time) {
        return monday(time).plus(Duration.ofDays(7L * weeks));
    }

    List<String> eventsOf(String aggregate) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, aggregate);
    }

    String payloadOf(String aggregate, String type) {
        return jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ?""", String.class, aggregate, "%." + type);
    }

    JsonNode courseRead(String series, int sessions) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get(TestTokens.client(runner), "/series/" + series),
                read -> read.status() == 200 && read.body().size() == sessions).body();
    }

    @Test
    void four_weekly_sessions_are_booked_as_one_request_and_read_back_as_a_course() {
        Response booked = created(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 4)));

        String series = booked.text("seriesId");
        assertThat(booked.headers().getLocation()).hasToString("/series/" + series);
        assertThat(booked.body().path("booked").findValuesAsText("start")).containsExactly("2026-11-30T10:00:00Z",
                "2026-12-07T10:00:00Z", "2026-12-14T10:00:00Z", "2026-12-21T10:00:00Z");
        assertThat(booked.body().path("booked").findValuesAsText("seriesId")).containsOnly(series);
        assertThat(booked.body().path("conflicts")).isEmpty();

        JsonNode read = courseRead(series, 4);
        assertThat(read.findValuesAsText("position")).containsExactly("1", "2", "3", "4");
        assertThat(read.findValuesAsText("size")).containsOnly("4");
        assertThat(eventsOf(series)).containsExactly("io.soleus.kernel.booking.SeriesBooked");
        String first = booked.body().path("booked").path(0).path("sessionId").asText();
        assertThat(payloadOf(first, "SessionBooked")).contains("seriesId").contains(series);

        // and in the client's calendar app
        String feed = created(api.post(TestTokens.client(runner), "/clients/" + runner + "/calendar-feed", Map.of())).text("path");
        assertThat(api.get(null, feed).body().asText().replace("\r\n ", "")).contains("SUMMARY:Follow-up treatment with Maya Lindqvist (course 1 of 4)",
                "SUMMARY:Follow-up treatment with Maya Lindqvist (course 4 of 4)");
    }

    @Test
    void a_course_on_two_weekdays_every_other_week_keeps_its_wall_clock_time_across_the_change_of_clocks() {
        // from Monday 22 March 2027, Mondays and Thursdays every other week: London moves to summer time on 28 March
        Instant start = Instant.parse("2027-03-22T10:00:00Z");
        Response booked = created(api.post(TestTokens.admin(), "/series", course(start, 4, "everyWeeks", 2,
                "weekdays", List.of("THURSDAY"))));

        assertThat(booked.body().path("booked").findValuesAsText("start")).containsExactly("2027-03-22T10:00:00Z",
                "2027-03-25T10:00:00Z", "2027-04-05T09:00:00Z", "2027-04-08T09:00:00Z");
    }

    @Test
    void a_date_that_is_taken_is_reported_with_the_nearest_free_time_and_the_others_are_booked() {
        created(api.book(TestTokens.admin(), other, maya, clinic, treatment, week(1, "10:00")));
        ReadModels.awaitCaughtUp(service, SchedulingProjection.GROUP);

        Response booked = created(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 4)));

        assertThat(booked.body().path("booked").findValuesAsText("start")).containsExactly("2026-11-30T10:00:00Z",
                "2026-12-14T10:00:00Z", "2026-12-21T10:00:00Z");
        JsonNode conflict = booked.body().path("conflicts").path(0);
        assertThat(conflict.path("start").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(conflict.path("rule").asText()).isEqualTo("therapist-double-booked");
        // the other session holds Maya until 11:15 with its buffer; 09:00 would run into it
        assertThat(conflict.path("alternative").asText()).isEqualTo("2026-12-07T11:15:00Z");
    }

    @Test
    void all_or_nothing_books_nothing_when_one_date_is_taken_and_says_which() {
        String blocker = created(api.book(TestTokens.admin(), other, maya, clinic, treatment, week(2, "10:00"))).text("sessionId");
        long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        Response refused = api.post(TestTokens.admin(), "/series", course(monday("10:00"), 4, "allOrNothing", true));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("rule")).isEqualTo("series-conflicts");
        assertThat(refused.body().path("conflicts").findValuesAsText("start")).containsExactly("2026-12-14T10:00:00Z");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);
        JsonNode blocking = expect(200, api.get(TestTokens.admin(), "/sessions/" + blocker)).body();
        assertThat(blocking.path("status").asText()).isEqualTo("BOOKED");
        assertThat(blocking.path("clientId").asText()).isEqualTo(other);
    }

    @Test
    void a_check_says_which_dates_are_free_and_books_nothing() {
        created(api.book(TestTokens.admin(), other, maya, clinic, treatment, week(3, "10:00")));
        long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        JsonNode checked = expect(200, api.post(TestTokens.client(runner), "/series/check",
                course(monday("10:00"), 4))).body();

        assertThat(checked.path("dryRun").asBoolean()).isTrue();
        assertThat(checked.path("free")).extracting(JsonNode::asText).containsExactly("2026-11-30T10:00:00Z",
                "2026-12-07T10:00:00Z", "2026-12-14T10:00:00Z");
        assertThat(checked.path("conflicts").findValuesAsText("start")).containsExactly("2026-12-21T10:00:00Z");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);
    }

    @Test
    void a_client_books_a_course_only_as_far_as_the_clinics_limit_of_sessions_ahead() {
        expect(204, api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "PT1H",
                "maxUpcomingSessions", 2, "newClientsOnline", true, "sameDayOnline", true)));

        Response booked = created(api.post(TestTokens.client(runner), "/series", course(monday("10:00"), 4)));

        assertThat(booked.body().path("booked")).hasSize(2);
        assertThat(booked.body().path("conflicts").findValuesAsText("rule")).containsOnly("max-upcoming-sessions");
    }

    @Test
    void a_check_counts_the_courses_own_dates_against_the_clients_limit_as_booking_does() {
        expect(204, api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "PT1H",
                "maxUpcomingSessions", 3, "newClientsOnline", true, "sameDayOnline", true)));
        created(api.book(TestTokens.client(runner), null, maya, clinic, treatment, monday("15:00")));

        JsonNode checked = expect(200, api.post(TestTokens.client(runner), "/series/check", course(week(1, "10:00"), 4))).body();
        Response booked = created(api.post(TestTokens.client(runner), "/series", course(week(1, "10:00"), 4)));

        assertThat(checked.path("free")).hasSize(2);
        assertThat(checked.path("conflicts").findValuesAsText("rule")).containsOnly("max-upcoming-sessions");
        assertThat(checked.path("conflicts")).as("no other time helps").allSatisfy(conflict ->
                assertThat(conflict.path("alternative").isNull()).isTrue());
        List<String> free = new java.util.ArrayList<>();
        checked.path("free").forEach(start -> free.add(start.asText()));
        assertThat(booked.body().path("booked").findValuesAsText("start")).containsExactlyElementsOf(free);
    }

    @Test
    void a_course_of_which_fewer_than_two_dates_are_free_books_nothing() {
        created(api.book(TestTokens.admin(), other, maya, clinic, treatment, week(1, "10:00")));
        long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        Response refused = api.post(TestTokens.admin(), "/series", course(monday("10:00"), 2, "everyWeeks", 1));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("rule")).isEqualTo("series-conflicts");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);
    }

    @Test
    void a_start_far_beyond_the_horizon_is_refused_not_a_failure() {
        Response refused = api.post(TestTokens.admin(), "/series", course(Instant.parse("+999999999-12-31T09:00:00Z"), 4));
        Response listed = api.post(TestTokens.admin(), "/series/check", Map.of("clientId", runner, "therapistId", maya,
                "clinicId", clinic, "sessionTypeId", treatment,
                "starts", List.of("+999999999-12-30T09:00:00Z", "+999999999-12-31T09:00:00Z")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("rule")).isEqualTo("beyond-booking-horizon");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("conflicts").findValuesAsText("rule")).containsOnly("beyond-booking-horizon");
    }

    @Test
    void moving_a_course_earlier_onto_its_own_times_moves_each_session_once() {
        JsonNode booked = created(api.post(TestTokens.admin(), "/series", course(week(1, "10:00"), 3))).body();
        String series = booked.path("seriesId").asText();
        String first = booked.path("booked").path(0).path("sessionId").asText();

        JsonNode moved = expect(200, api.post(TestTokens.admin(), "/series/" + series + "/reschedule",
                Map.of("fromSessionId", first, "start", monday("10:00").toString()))).body();

        assertThat(moved.path("sessions").findValuesAsText("start")).containsExactly("2026-11-30T10:00:00Z",
                "2026-12-07T10:00:00Z", "2026-12-14T10:00:00Z");
        assertThat(api.post(TestTokens.admin(), "/series/" + series + "/reschedule",
                Map.of("fromSessionId", first, "start", monday("10:00").toString())).invalidField()).isEqualTo("start");
    }

    @Test
    void moving_one_session_and_all_that_follow_shifts_them_together_even_onto_each_others_times() {
        JsonNode booked = created(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 4))).body();
        String series = booked.path("seriesId").asText();
        String second = booked.path("booked").path(1).path("sessionId").asText();

        // a week later: each lands where the next one was
        JsonNode moved = expect(200, api.post(TestTokens.client(runner), "/series/" + series + "/reschedule",
                Map.of("fromSessionId", second, "start", week(2, "10:00").toString()))).body();

        assertThat(moved.path("sessions").findValuesAsText("start")).containsExactly("2026-12-14T10:00:00Z",
                "2026-12-21T10:00:00Z", "2026-12-28T10:00:00Z");
        assertThat(eventsOf(series)).containsExactly("io.soleus.kernel.booking.SeriesBooked", "io.soleus.kernel.booking.SeriesRescheduled");
        assertThat(payloadOf(second, "SessionRescheduled")).contains("seriesId").contains(series);

        // and a day and an hour later: Tuesdays at eleven
        JsonNode tuesdays = expect(200, api.post(TestTokens.admin(), "/series/" + series + "/reschedule",
                Map.of("fromSessionId", second, "start", week(2, "10:00").plus(Duration.ofHours(25)).toString()))).body();
        assertThat(tuesdays.path("sessions").findValuesAsText("start")).containsExactly("2026-12-15T11:00:00Z",
                "2026-12-22T11:00:00Z", "2026-12-29T11:00:00Z");
    }

    @Test
    void a_move_that_one_session_cannot_make_moves_none() {
        JsonNode booked = created(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 3))).body();
        String series = booked.path("seriesId").asText();
        String first = booked.path("booked").path(0).path("sessionId").asText();
        created(api.book(TestTokens.admin(), other, maya, clinic, treatment, week(2, "14:00")));

        Response refused = api.post(TestTokens.admin(), "/series/" + series + "/reschedule",
                Map.of("fromSessionId", first, "start", monday("14:00").toString()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("rule")).isEqualTo("series-conflicts");
        assertThat(refused.body().path("conflicts").findValuesAsText("start")).containsExactly("2026-12-14T14:00:00Z");
        assertThat(courseRead(series, 3).findValuesAsText("start")).containsExactly("2026-11-30T10:00:00Z",
                "2026-12-07T10:00:00Z", "2026-12-14T10:00:00Z");
    }

    @Test
    void cancelling_from_the_third_session_cancels_it_and_the_rest_and_keeps_the_first_two() {
        JsonNode booked = created(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 4))).body();
        String series = booked.path("seriesId").asText();
        String third = booked.path("booked").path(2).path("sessionId").asText();

        JsonNode cancelled = expect(200, api.post(TestTokens.client(runner), "/series/" + series + "/cancel",
                Map.of("fromSessionId", third, "reason", "Feeling better"))).body();

        assertThat(cancelled.path("sessions").findValuesAsText("status")).containsExactly("CANCELLED", "CANCELLED");
        assertThat(eventsOf(series)).containsExactly("io.soleus.kernel.booking.SeriesBooked", "io.soleus.kernel.booking.SeriesCancelled");
        JsonNode read = await().atMost(Duration.ofSeconds(30)).until(() -> courseRead(series, 4),
                sessions -> sessions.path(3).path("status").asText().equals("CANCELLED"));
        assertThat(read.findValuesAsText("status")).containsExactly("BOOKED", "BOOKED", "CANCELLED", "CANCELLED");
        // the time is free again
        created(api.book(TestTokens.admin(), other, maya, clinic, treatment, week(2, "10:00")));
    }

    @Test
    void bad_requests_name_the_field_and_strangers_see_no_course() {
        assertThat(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 1)).invalidField()).isEqualTo("count");
        Map<String, Object> noStart = course(monday("10:00"), 4);
        noStart.remove("start");
        assertThat(api.post(TestTokens.admin(), "/series", noStart).invalidField()).isEqualTo("start");
        assertThat(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 4, "everyWeeks", 9)).invalidField())
                .isEqualTo("everyWeeks");

        JsonNode booked = created(api.post(TestTokens.admin(), "/series", course(monday("10:00"), 2))).body();
        String series = booked.path("seriesId").asText();
        assertThat(api.post(TestTokens.admin(), "/series/" + series + "/cancel",
                Map.of("fromSessionId", UUID.randomUUID().toString(), "reason", "x")).invalidField()).isEqualTo("fromSessionId");
        assertThat(api.get(TestTokens.client(other), "/series/" + series).status()).isEqualTo(404);
        assertThat(api.post(TestTokens.client(other), "/series/" + series + "/cancel",
                Map.of("fromSessionId", booked.path("booked").path(0).path("sessionId").asText(), "reason", "x")).status())
                .isEqualTo(404);
    }
}
