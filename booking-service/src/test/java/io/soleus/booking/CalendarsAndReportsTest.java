package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

/**
 * What the web front end reads besides sessions: a client's own contact details, a therapist's
 * working time and time off for the calendar, and the admins' utilisation of therapists and rooms.
 */
@BookingServiceTest
class CalendarsAndReportsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    BookingApi api;
    String clinic;
    String maya;
    String assessment;
    String runner;

    @BeforeEach
    void aClinicWithMayaAndARunner() {
        api = new BookingApi(port);
        clinic = api.openClinic("Lakeside", "Europe/London", "08:00", "20:00", "Room A", "Room B");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        assessment = api.defineSessionType("Initial assessment", 60, 15, maya);
        runner = api.registerClient("Riley Runner", "riley@example.org");
    }

    @Test
    void a_client_reads_their_own_contact_details_and_no_one_elses() {
        JsonNode mine = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> expect(200, api.get(TestTokens.client(runner), "/clients/" + runner)).body(), body -> true);
        assertThat(mine.path("email").asText()).isEqualTo("riley@example.org");
        assertThat(mine.path("preferredChannel").asText()).isEqualTo("EMAIL");
        assertThat(mine.path("remindersConsent").asBoolean()).isTrue();

        String other = api.registerClient("Casey Cyclist", "casey@example.org");
        assertThat(api.get(TestTokens.client(other), "/clients/" + runner).status()).isEqualTo(404);
        assertThat(api.get(TestTokens.therapist(maya, clinic), "/clients/" + runner).status())
                .as("a therapist who has not seen the client").isEqualTo(404);
        assertThat(api.get(TestTokens.admin(), "/clients/" + runner).status()).isEqualTo(200);

        created(api.book(TestTokens.client(runner), null, maya, clinic, assessment, monday("10:00")));
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(TestTokens.therapist(maya, clinic), "/clients/" + runner).status() == 200);
    }

    @Test
    void calendars_and_day_sheets_keep_each_session_on_its_clinics_own_date_far_from_utc() {
        // in December Auckland is 13 hours ahead of UTC and Honolulu 10 behind: one local day spans three UTC days
        String auckland = api.openClinic("Harbourside", "Pacific/Auckland", "00:00", "23:59", "Room A");
        String honolulu = api.openClinic("Beachside", "Pacific/Honolulu", "00:00", "23:59", "Room A");
        String kai = api.registerTherapist("Kai Nakamura", auckland, honolulu);
        api.setWeekdayHours(kai, auckland, "00:00", "23:59");
        api.setWeekdayHours(kai, honolulu, "00:00", "23:59");
        String followUp = api.defineSessionType("Follow-up", 30, 0, kai);
        String token = TestTokens.client(runner);
        // Wednesday's first half hour in Auckland and its last but one in Honolulu, and their neighbours on Tuesday and Thursday
        String first = created(api.book(token, null, kai, auckland, followUp, local("2026-12-02T00:00", "Pacific/Auckland"))).text("sessionId");
        String last = created(api.book(token, null, kai, honolulu, followUp, local("2026-12-02T23:00", "Pacific/Honolulu"))).text("sessionId");
        created(api.book(token, null, kai, auckland, followUp, local("2026-12-01T23:00", "Pacific/Auckland")));
        created(api.book(token, null, kai, honolulu, followUp, local("2026-12-03T00:00", "Pacific/Honolulu")));
        String kais = TestTokens.therapist(kai, auckland, honolulu);
        await().atMost(Duration.ofSeconds(15)).until(() -> expect(200, api.get(kais,
                "/therapists/" + kai + "/calendar?from=2026-12-01&to=2026-12-03")).body().size() == 4);

        JsonNode wednesday = expect(200, api.get(kais, "/therapists/" + kai + "/calendar?from=2026-12-02&to=2026-12-02")).body();
        assertThat(wednesday).extracting(entry -> entry.path("sessionId").asText()).containsExactly(first, last);
        assertThat(wednesday).extracting(entry -> entry.path("localStart").asText())
                .containsExactly("2026-12-02T00:00:00", "2026-12-02T23:00:00");
        assertThat(sessionsOnTheSheet(kais, auckland, "2026-12-02")).containsExactly(first);
        assertThat(sessionsOnTheSheet(kais, honolulu, "2026-12-02")).containsExactly(last);
    }

    private List<String> sessionsOnTheSheet(String token, String clinic, String date) {
        JsonNode sheet = expect(200, api.get(token, "/clinics/" + clinic + "/day-sheet?date=" + date)).body();
        List<String> sessions = new ArrayList<>();
        sheet.path("rooms").forEach(room -> room.path("sessions").forEach(session -> sessions.add(session.path("sessionId").asText())));
        return sessions;
    }

    private static Instant local(String dateTime, String zone) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void a_therapists_calendar_shows_working_time_less_time_off() {
        expect(201, api.post(TestTokens.therapist(maya, clinic), "/therapists/" + maya + "/exceptions", Map.of(
                "kind", "TIME_OFF", "from", monday("12:00").toString(), "to", monday("14:00").toString())));

        JsonNode week = await().atMost(Duration.ofSeconds(15)).until(() -> expect(200, api.get(TestTokens.therapist(maya, clinic),
                "/therapists/" + maya + "/availability?from=2026-11-30&to=2026-12-06")).body(),
                // the clinic's hours and the therapist's reach the read model apart (other aggregates, other segments)
                body -> body.path("timeOff").size() == 1 && body.path("working").size() == 6);

        JsonNode working = week.path("working");
        assertThat(working).hasSize(6); // Monday in two parts around the time off, Tuesday to Friday whole
        assertThat(working.path(0).path("localStart").asText()).isEqualTo("2026-11-30T09:00:00");
        assertThat(working.path(0).path("localEnd").asText()).isEqualTo("2026-11-30T12:00:00");
        assertThat(working.path(1).path("localStart").asText()).isEqualTo("2026-11-30T14:00:00");
        assertThat(working.path(5).path("localEnd").asText()).isEqualTo("2026-12-04T17:00:00");
        assertThat(working.path(0).path("clinicName").asText()).isEqualTo("Lakeside");

        String stranger = api.registerTherapist("Somebody Else", api.openClinic("Far away", "Europe/London", "08:00", "20:00", "Room"));
        assertThat(api.get(TestTokens.therapist(stranger), "/therapists/" + maya + "/availability?from=2026-11-30&to=2026-12-06")
                .status()).isEqualTo(404);
        Response tooLong = api.get(TestTokens.therapist(maya, clinic), "/therapists/" + maya + "/availability?from=2026-11-30&to=2027-03-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.invalidField()).isEqualTo("to");
    }

    @Test
    void utilisation_sets_booked_minutes_against_working_and_opening_time() {
        created(api.book(TestTokens.client(runner), null, maya, clinic, assessment, monday("10:00")));

        // the clinic, the therapist and the session are in the read model by their own segments: all of them first
        ReadModels.awaitCaughtUp(service, SchedulingProjection.GROUP);
        JsonNode report = expect(200, api.get(TestTokens.admin(), "/reports/utilisation?from=2026-11-30&to=2026-12-06")).body();

        JsonNode mayaShare = share(report, "therapists", maya);
        assertThat(mayaShare.path("bookedMinutes").asLong()).isEqualTo(60);
        assertThat(mayaShare.path("availableMinutes").asLong()).isEqualTo(5 * 8 * 60);
        assertThat(mayaShare.path("percent").asDouble()).isEqualTo(2.5);
        JsonNode clinicShare = share(report, "clinics", clinic);
        assertThat(clinicShare.path("bookedMinutes").asLong()).isEqualTo(60);
        long roomsBooked = 0;
        for (JsonNode room : report.path("rooms")) {
            if (room.path("clinicId").asText().equals(clinic)) {
                assertThat(room.path("availableMinutes").asLong()).isEqualTo(6 * 12 * 60); // Monday to Saturday 08:00-20:00
                roomsBooked += room.path("bookedMinutes").asLong();
            }
        }
        assertThat(roomsBooked).isEqualTo(60);

        assertThat(api.get(TestTokens.therapist(maya, clinic), "/reports/utilisation?from=2026-11-30&to=2026-12-06").status())
                .isEqualTo(403);
        Response backwards = api.get(TestTokens.admin(), "/reports/utilisation?from=2026-12-06&to=2026-11-30");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.invalidField()).isEqualTo("to");
    }

    private static JsonNode share(JsonNode report, String kind, String id) {
        for (JsonNode share : report.path(kind)) {
            if (share.path("id").asText().equals(id)) {
                return share;
            }
        }
        throw new AssertionError("no " + kind + " " + id + " in " + report);
    }
}
