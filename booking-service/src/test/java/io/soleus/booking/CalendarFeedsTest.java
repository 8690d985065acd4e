package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Calendar subscription links: a therapist's and a client's sessions as RFC 5545 feeds a calendar
 * app reads with the link's secret alone, read back with iCal4j's parser; a new link stops the old,
 * a stopped one is a 404, and what the feed says follows the bookings.
 */
@BookingServiceTest
class CalendarFeedsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    JdbcTemplate jdbc;

    BookingApi api;
    String clinic;
    String maya;
    String runner;
    String kept;
    String cancelled;

    @BeforeEach
    void mayaHasTwoSessionsWithTheRunnerOneCancelled() {
        api = new BookingApi(port);
        clinic = api.openClinic("Quayside", "Europe/London", "08:00", "20:00", "Treatment room 1");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        String assessment = api.defineSessionType("Initial assessment", 60, 15, maya);
        runner = api.registerClient("Riley Runner", "riley@example.org");
        kept = created(api.book(TestTokens.admin(), runner, maya, clinic, assessment, monday("10:00"))).text("sessionId");
        cancelled = created(api.book(TestTokens.admin(), runner, maya, clinic, assessment, monday("14:00"))).text("sessionId");
        expect(200, api.post(TestTokens.admin(), "/sessions/" + cancelled + "/cancel", Map.of("reason", "Away")));
        ReadModels.awaitCaughtUp(service, SchedulingProjection.GROUP);
    }

    String mayaToken() {
        return TestTokens.therapist(maya, clinic);
    }

    Calendar feed(String path) throws Exception {
        Response feed = api.get(null, path);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.headers().getContentType()).hasToString("text/calendar;charset=UTF-8");
        return new CalendarBuilder().build(new StringReader(feed.body().asText()));
    }

    static VEvent event(Calendar calendar, String session) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(event -> event.getUid().orElseThrow().getValue().equals(session + "@soleus")).findFirst().orElseThrow();
    }

    static String property(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse("");
    }

    @Test
    void a_therapist_subscribes_and_their_feed_lists_their_sessions_in_the_clinics_time_zone_without_whom() throws Exception {
        Response link = created(api.post(mayaToken(), "/therapists/" + maya + "/calendar-feed", Map.of()));
        String path = link.text("path");
        assertThat(path).matches("/calendar-feeds/[A-Za-z0-9_-]{43}\\.ics");

        Calendar calendar = feed(path);
        assertThat(calendar.<VEvent>getComponents("VEVENT")).hasSize(2);
        assertThat(calendar.getComponents("VTIMEZONE")).hasSize(1);
        VEvent session = event(calendar, kept);
        assertThat(session.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("Europe/London");
        assertThat(property(session, "DTSTART")).isEqualTo("20261130T100000");
        assertThat(property(session, "DTEND")).isEqualTo("20261130T110000");
        assertThat(property(session, "SUMMARY")).isEqualTo("Initial assessment");
        assertThat(property(session, "LOCATION")).isEqualTo("Quayside, Quayside High Street");
        assertThat(property(session, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(property(event(calendar, cancelled), "STATUS")).isEqualTo("CANCELLED");
        assertThat(calendar.toString()).as("a therapist's feed does not name the client").doesNotContain("Riley", "Runner");
    }

    @Test
    void a_clients_feed_names_the_therapist_and_follows_a_reschedule() throws Exception {
        String path = created(api.post(TestTokens.client(runner), "/clients/" + runner + "/calendar-feed", Map.of())).text("path");
        assertThat(property(event(feed(path), kept), "SUMMARY")).isEqualTo("Initial assessment with Maya Lindqvist");

        expect(200, api.post(TestTokens.admin(), "/sessions/" + kept + "/reschedule", Map.of("start", monday("15:00").toString())));
        ReadModels.awaitCaughtUp(service, SchedulingProjection.GROUP);

        assertThat(property(event(feed(path), kept), "DTSTART")).isEqualTo("20261130T150000");
    }

    @Test
    void a_new_link_stops_the_old_one_and_a_stopped_link_is_a_404() throws Exception {
        String first = created(api.post(mayaToken(), "/therapists/" + maya + "/calendar-feed", Map.of())).text("path");
        String second = created(api.post(mayaToken(), "/therapists/" + maya + "/calendar-feed", Map.of())).text("path");

        assertThat(api.get(null, first).status()).isEqualTo(404);
        assertThat(feed(second).<VEvent>getComponents("VEVENT")).hasSize(2);
        assertThat(expect(200, api.get(mayaToken(), "/therapists/" + maya + "/calendar-feed")).body().path("active").asBoolean())
                .isTrue();

        assertThat(api.send("DELETE", mayaToken(), "/therapists/" + maya + "/calendar-feed", null).status()).isEqualTo(204);
        assertThat(api.get(null, second).status()).isEqualTo(404);
        assertThat(expect(200, api.get(mayaToken(), "/therapists/" + maya + "/calendar-feed")).body().path("active").asBoolean())
                .isFalse();
        assertThat(api.get(null, "/calendar-feeds/not-a-secret.ics").status()).isEqualTo(404);
    }

    @Test
    void only_a_hash_of_the_secret_is_kept() {
        String path = created(api.post(mayaToken(), "/therapists/" + maya + "/calendar-feed", Map.of())).text("path");
        String secret = path.substring("/calendar-feeds/".length(), path.length() - ".ics".length());

        List<byte[]> stored = jdbc.queryForList("SELECT secret_hash FROM calendar_feed WHERE owner_id = ?::uuid", byte[].class, maya);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).hasSize(32);
        assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    }

    @Test
    void a_forgotten_clients_link_stops() {
        String path = created(api.post(TestTokens.client(runner), "/clients/" + runner + "/calendar-feed", Map.of())).text("path");

        assertThat(api.post(TestTokens.client(runner), "/clients/" + runner + "/forget", Map.of()).status()).isEqualTo(204);

        assertThat(api.get(null, path).status()).isEqualTo(404);
        ReadModels.awaitCaughtUp(service, SchedulingProjection.GROUP);
        assertThat(api.post(TestTokens.admin(), "/clients/" + runner + "/calendar-feed", Map.of()).status())
                .as("a forgotten client gets no new link").isEqualTo(404);
    }

    @Test
    void a_link_for_someone_booking_does_not_know_is_a_404() {
        assertThat(api.post(TestTokens.admin(), "/therapists/" + java.util.UUID.randomUUID() + "/calendar-feed", Map.of()).status())
                .isEqualTo(404);
    }
}
