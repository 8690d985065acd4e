package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static java.util.Map.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.soleus.platform.test.AccessMatrix;
import io.soleus.platform.test.AccessMatrix.Scope;
import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.booking.waitlist.WaitlistProjection;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Booking's endpoint-by-actor matrix: every endpoint of its API description, called by nobody, client
 * A, client B, a therapist of clinic X, a therapist of clinic Y and an admin, on A's session at X.
 * The table below is who may call what (A, B, X, Y, @ for the admin); everyone else is refused or
 * told there is nothing, and B and Y never see A's name, contact details or other sessions.
 */
@BookingServiceTest
class AccessMatrixTest {

    static final String ANYONE = "A B X Y @";

    static final Map<String, String> WHO_MAY = Map.ofEntries(
            // what the practice offers: everyone signed in
            entry("GET /clinics", ANYONE),
            entry("GET /therapists", ANYONE),
            entry("GET /session-types", ANYONE),
            entry("GET /clinics/{clinicId}/free-slots", ANYONE),
            // the practice's set-up: admins
            entry("POST /clinics", "@"),
            entry("PUT /clinics/{clinicId}/opening-hours", "@"),
            entry("PUT /clinics/{clinicId}/booking-rules", "@"),
            entry("POST /clinics/{clinicId}/rooms", "@"),
            entry("POST /clinics/{clinicId}/rooms/{roomId}/close", "@"),
            entry("POST /clinics/{clinicId}/close", "@"),
            entry("POST /therapists", "@"),
            entry("POST /therapists/{therapistId}/clinics", "@"),
            entry("DELETE /therapists/{therapistId}/clinics/{clinicId}", "@"),
            entry("POST /session-types", "@"),
            entry("PUT /session-types/{sessionTypeId}/therapists", "@"),
            entry("GET /reports/utilisation", "@"),
            entry("GET /admin/dead-letters/{processingGroup}", "@ (404: booking reads no topic, so parks nothing)"),
            entry("POST /admin/dead-letters/{processingGroup}/retry", "@"),
            // a therapist's week: the therapist themself and admins; colleagues at a clinic of theirs see when
            // they are busy (not with whom), a therapist of another clinic nothing
            entry("PUT /therapists/{therapistId}/availability/{clinicId}", "X @"),
            entry("POST /therapists/{therapistId}/exceptions", "X @"),
            entry("DELETE /therapists/{therapistId}/exceptions/{exceptionId}", "X @"),
            entry("GET /therapists/{therapistId}/calendar", "X @"),
            entry("GET /therapists/{therapistId}/availability", "X @"),
            entry("GET /clinics/{clinicId}/day-sheet", "X @"),
            // a client's sessions: the client, the clinic's staff, admins
            entry("POST /clients", ANYONE),
            entry("GET /clients/{clientId}", "A X @"),
            entry("PUT /clients/{clientId}/contact", "A @"),
            entry("PUT /clients/{clientId}/reminders-consent", "A @"),
            entry("POST /clients/{clientId}/forget", "A @"),
            entry("GET /clients/{clientId}/sessions", "A X @"),
            entry("GET /clients/{clientId}/audit", "A @"),
            entry("GET /clients/{clientId}/export", "A @"),
            entry("POST /sessions", "A X @"),
            entry("GET /sessions/{sessionId}", "A X @"),
            entry("POST /sessions/{sessionId}/reschedule", "A X @"),
            entry("POST /sessions/{sessionId}/cancel", "A X @"),
            entry("POST /sessions/{sessionId}/attended", "X @"),
            entry("POST /sessions/{sessionId}/missed", "X @"),
            // the waitlist: clients for themselves, staff at their clinics; a clinic's list for its staff
            entry("POST /waitlist", "A X @"),
            entry("POST /waitlist/{entryId}/leave", "A X @"),
            entry("GET /clinics/{clinicId}/waitlist", "X @"),
            entry("GET /clients/{clientId}/waitlist", "A X @"),
            entry("GET /waitlist/offers/{offerId}", "A X @ (404: A's entry has no offer)"),
            entry("POST /waitlist/offers/{offerId}/accept", "A X @"),
            // courses of treatment: clients for themselves, staff at their clinics
            entry("POST /series", "A X @"),
            entry("POST /series/check", "A X @"),
            entry("GET /series/{seriesId}", "A X @"),
            entry("POST /series/{seriesId}/reschedule", "A X @"),
            entry("POST /series/{seriesId}/cancel", "A X @"),
            // calendar subscription links: their owner and admins; the feed by the link's secret alone
            entry("POST /therapists/{therapistId}/calendar-feed", "X @"),
            entry("GET /therapists/{therapistId}/calendar-feed", "X @"),
            entry("DELETE /therapists/{therapistId}/calendar-feed", "X @"),
            entry("POST /clients/{clientId}/calendar-feed", "A @"),
            entry("GET /clients/{clientId}/calendar-feed", "A @"),
            entry("DELETE /clients/{clientId}/calendar-feed", "A @"),
            entry("GET /calendar-feeds/{secret}.ics", AccessMatrix.BY_SECRET));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    BookingApi api;
    Scope scope;

    @BeforeEach
    void twoClinicsTwoTherapistsTwoClients() {
        api = new BookingApi(port);
        Map<String, Object> hours = Map.of("MONDAY", List.of(Map.of("from", "08:00", "to", "20:00")));
        Response riverside = created(api.post(TestTokens.admin(), "/clinics", Map.of("name", "Riverside",
                "address", "1 River Road", "timeZone", "Europe/London", "openingHours", hours,
                "rooms", List.of(Map.of("name", "Room 1"), Map.of("name", "Room 2")))));
        String clinicX = riverside.text("clinicId");
        String room = riverside.body().path("rooms").path(0).path("roomId").asText();
        String clinicY = api.openClinic("Hillside", "Europe/London", "08:00", "20:00", "Room 1");
        String therapistX = api.registerTherapist("Maya Lindqvist", clinicX);
        String therapistY = api.registerTherapist("Tom Okafor", clinicY);
        api.setWeekdayHours(therapistX, clinicX, "09:00", "17:00");
        api.setWeekdayHours(therapistY, clinicY, "09:00", "17:00");
        String type = api.defineSessionType("Initial assessment", 60, 15, therapistX, therapistY);
        String clientA = api.registerClient("Ada Achterberg", "ada.achterberg@example.org");
        String clientB = api.registerClient("Bo Bergström", "bo.bergstrom@example.org");
        String sessionOfA = created(api.book(TestTokens.client(clientA), null, therapistX, clinicX, type, monday("10:00")))
                .text("sessionId");
        String otherSessionOfA = created(api.book(TestTokens.client(clientA), null, therapistX, clinicX, type,
                monday("14:00"))).text("sessionId");
        created(api.book(TestTokens.client(clientB), null, therapistY, clinicY, type, monday("10:00")));
        String exception = created(api.post(TestTokens.admin(), "/therapists/" + therapistX + "/exceptions",
                Map.of("kind", "TIME_OFF", "from", "2026-12-21T09:00:00Z", "to", "2026-12-21T12:00:00Z"))).text("exceptionId");
        String entryOfA = created(api.post(TestTokens.client(clientA), "/waitlist", Map.of("clinicId", clinicX,
                "sessionTypeId", type, "times", hours))).text("entryId");
        Response courseOfA = created(api.post(TestTokens.client(clientA), "/series", Map.of("therapistId", therapistX,
                "clinicId", clinicX, "sessionTypeId", type, "start", monday("11:15").plus(Duration.ofDays(7)).toString(),
                "count", 2)));
        String seriesOfA = courseOfA.text("seriesId");
        String firstOfCourse = courseOfA.body().path("booked").path(0).path("sessionId").asText();
        // the reads of the table answer from the scheduling and waitlist read models: they have everything above first
        ReadModels.awaitCaughtUp(service, SchedulingProjection.GROUP);
        ReadModels.awaitCaughtUp(service, WaitlistProjection.GROUP);

        Map<String, Object> contact = Map.of("name", "Ada Achterberg", "email", "ada.achterberg@example.org",
                "preferredChannel", "EMAIL", "remindersConsent", true);
        scope = new Scope(
                Map.ofEntries(entry("clinicId", clinicX), entry("therapistId", therapistX), entry("clientId", clientA),
                        entry("sessionId", sessionOfA), entry("sessionTypeId", type), entry("roomId", room),
                        entry("exceptionId", exception), entry("processingGroup", "scheduling"),
                        entry("secret", "a-secret-never-issued"), entry("entryId", entryOfA), entry("offerId", sessionOfA),
                        entry("seriesId", seriesOfA)),
                Map.of("GET /clinics/{clinicId}/free-slots", "?sessionTypeId=" + type + "&from=2026-11-30&to=2026-11-30",
                        "GET /therapists/{therapistId}/calendar", "?from=2026-11-30&to=2026-12-06",
                        "GET /therapists/{therapistId}/availability", "?from=2026-11-30&to=2026-12-06",
                        "GET /reports/utilisation", "?from=2026-11-30&to=2026-12-06",
                        "GET /clinics/{clinicId}/day-sheet", "?date=2026-11-30"),
                AccessMatrix.tokens(clientA, clientB, therapistX, clinicX, therapistY, clinicY),
                Map.ofEntries(
                        entry("POST /clinics", Map.of("name", "Quayside", "address", "1 Quay", "timeZone", "Europe/London",
                                "openingHours", hours, "rooms", List.of(Map.of("name", "Room A")))),
                        entry("PUT /clinics/{clinicId}/opening-hours", hours),
                        entry("PUT /clinics/{clinicId}/booking-rules", Map.of("minimumNotice", "PT1H",
                                "newClientsOnline", true, "sameDayOnline", true)),
                        entry("POST /clinics/{clinicId}/rooms", Map.of("name", "Room 3")),
                        entry("POST /therapists", Map.of("name", "Sam Reyes", "clinics", List.of(clinicX))),
                        entry("POST /therapists/{therapistId}/clinics", Map.of("clinicId", clinicY)),
                        entry("PUT /therapists/{therapistId}/availability/{clinicId}", hours),
                        entry("POST /therapists/{therapistId}/exceptions", Map.of("kind", "TIME_OFF",
                                "from", "2026-12-22T09:00:00Z", "to", "2026-12-22T10:00:00Z")),
                        entry("POST /session-types", Map.of("name", "Follow-up", "durationMinutes", 45,
                                "therapists", List.of(therapistX))),
                        entry("PUT /session-types/{sessionTypeId}/therapists", Map.of("therapists",
                                List.of(therapistX, therapistY))),
                        entry("POST /clients", contact),
                        entry("PUT /clients/{clientId}/contact", contact),
                        entry("PUT /clients/{clientId}/reminders-consent", Map.of("remindersConsent", false)),
                        entry("POST /sessions", Map.of("clientId", clientA, "therapistId", therapistX, "clinicId", clinicX,
                                "sessionTypeId", type, "start", monday("12:00").toString())),
                        entry("POST /sessions/{sessionId}/reschedule", Map.of("start", monday("15:30").toString())),
                        entry("POST /sessions/{sessionId}/cancel", Map.of("reason", "Ada's private reason")),
                        entry("POST /waitlist", Map.of("clientId", clientA, "clinicId", clinicX, "sessionTypeId", type,
                                "times", hours)),
                        entry("POST /series", Map.of("clientId", clientA, "therapistId", therapistX, "clinicId", clinicX,
                                "sessionTypeId", type, "start", monday("16:00").plus(Duration.ofDays(21)).toString(), "count", 2)),
                        entry("POST /series/check", Map.of("clientId", clientA, "therapistId", therapistX, "clinicId", clinicX,
                                "sessionTypeId", type, "start", monday("16:00").plus(Duration.ofDays(35)).toString(), "count", 2)),
                        entry("POST /series/{seriesId}/reschedule", Map.of("fromSessionId", firstOfCourse,
                                "start", monday("12:30").plus(Duration.ofDays(7)).toString())),
                        entry("POST /series/{seriesId}/cancel", Map.of("fromSessionId", firstOfCourse,
                                "reason", "Ada's private reason"))),
                List.of("Ada Achterberg", "ada.achterberg@example.org", "Ada's private reason", otherSessionOfA));
    }

    @Test
    void each_endpoint_answers_each_actor_as_the_table_says_and_never_shows_b_or_y_what_is_as() {
        AccessMatrix.check(api, api.get(null, "/v3/api-docs").body(), WHO_MAY, scope);
    }

    @Test
    void forged_expired_unsigned_and_foreign_tokens_are_refused_everywhere() {
        AccessMatrix.checkBadTokens(api, api.get(null, "/v3/api-docs").body(), scope.pathIds());
    }
}
