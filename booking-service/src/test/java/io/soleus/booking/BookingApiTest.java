package io.soleus.booking;

import static io.soleus.booking.Practice.MONDAY;
import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.platform.command.Commands;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.ApiDescriptions;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The booking API as its users meet it: an admin sets up a clinic, a runner finds a free slot and
 * books it, the therapist and the clinic see it, and every answer that says no says why.
 */
@BookingServiceTest
class BookingApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Commands commands;

    BookingApi api;
    String clinic;
    String maya;
    String tom;
    String assessment;
    String runner;
    String cyclist;

    @BeforeEach
    void aPracticeWithOneClinic() {
        api = new BookingApi(port);
        clinic = api.openClinic("Riverside", "Europe/London", "08:00", "20:00", "Treatment room 1", "Treatment room 2");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        tom = api.registerTherapist("Tom Okafor", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        api.setWeekdayHours(tom, clinic, "09:00", "17:00");
        assessment = api.defineSessionType("Initial assessment", 60, 15, maya, tom);
        runner = api.registerClient("Riley Runner", "riley@example.org");
        cyclist = api.registerClient("Casey Cyclist", "casey@example.org");
    }

    @AfterEach
    void resetTheClock() {
        clock.set(Practice.NOW);
    }

    String runnerToken() {
        return TestTokens.client(runner);
    }

    String mayaToken() {
        return TestTokens.therapist(maya, clinic);
    }

    JsonNode freeSlots(String token, String from, String to) {
        return expect(200, api.get(token, "/clinics/" + clinic + "/free-slots?sessionTypeId=" + assessment
                + "&from=" + from + "&to=" + to)).body();
    }

    @Test
    void the_runner_finds_a_free_slot_books_it_and_everyone_sees_the_session() {
        JsonNode slots = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> freeSlots(runnerToken(), MONDAY.toString(), MONDAY.toString()), found -> found.path("slots").size() > 0);
        JsonNode first = slots.path("slots").path(0);
        assertThat(first.path("start").asText()).isEqualTo("2026-11-30T09:00:00Z");
        assertThat(first.path("therapists")).hasSize(2);

        Response booked = created(api.book(runnerToken(), null, maya, clinic, assessment, Instant.parse(first.path("start").asText())));
        String session = booked.text("sessionId");
        assertThat(booked.headers().getLocation()).hasToString("/sessions/" + session);
        assertThat(booked.text("roomId")).isNotBlank();
        assertThat(booked.text("end")).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(booked.text("status")).isEqualTo("BOOKED");

        JsonNode mine = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(runnerToken(), "/clients/" + runner + "/sessions").body(),
                        sessions -> sessions.path("upcoming").size() == 1);
        assertThat(mine.path("upcoming").path(0).path("therapistName").asText()).isEqualTo("Maya Lindqvist");
        assertThat(mine.path("upcoming").path(0).path("localStart").asText()).isEqualTo("2026-11-30T09:00:00");

        JsonNode calendar = expect(200, api.get(mayaToken(), "/therapists/" + maya + "/calendar?from=2026-11-30&to=2026-12-06")).body();
        assertThat(calendar).hasSize(1);
        assertThat(calendar.path(0).path("clientName").asText()).isEqualTo("Riley Runner");

        JsonNode sheet = expect(200, api.get(mayaToken(), "/clinics/" + clinic + "/day-sheet?date=2026-11-30")).body();
        assertThat(sheet.path("rooms")).hasSize(2);
        JsonNode bookedRoom = StreamSupport.stream(sheet.path("rooms").spliterator(), false)
                .filter(room -> room.path("roomId").asText().equals(booked.text("roomId"))).findFirst().orElseThrow();
        assertThat(bookedRoom.path("sessions").path(0).path("sessionId").asText()).isEqualTo(session);

        JsonNode after = freeSlots(runnerToken(), MONDAY.toString(), MONDAY.toString());
        assertThat(after.path("slots").path(0).path("therapists")).as("Maya is taken at nine, Tom is not")
                .extracting(JsonNode::asText).containsExactly(tom);
    }

    @Test
    void a_taken_slot_is_a_409_problem_naming_the_rule() {
        created(api.book(runnerToken(), null, maya, clinic, assessment, monday("10:00")));

        Response taken = api.book(TestTokens.client(cyclist), null, maya, clinic, assessment, monday("10:30"));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.headers().getContentType()).hasToString("application/problem+json");
        assertThat(taken.text("rule")).isEqualTo("therapist-double-booked");
    }

    @Test
    void a_clinics_online_rules_shape_what_a_client_is_offered_and_may_book_but_not_staff() {
        clock.set(monday("08:00"));
        Response set = api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "PT3H",
                "maxUpcomingSessions", 1, "newClientsOnline", true, "sameDayOnline", true));
        assertThat(set.status()).isEqualTo(204);

        JsonNode rules = await().atMost(Duration.ofSeconds(15)).until(
                () -> StreamSupport.stream(expect(200, api.get(runnerToken(), "/clinics")).body().spliterator(), false)
                        .filter(it -> it.path("clinicId").asText().equals(clinic)).findFirst().orElseThrow().path("bookingRules"),
                found -> found.path("maxUpcomingSessions").asInt() == 1);
        assertThat(rules.path("minimumNotice").asText()).isEqualTo("PT3H");
        assertThat(freeSlots(runnerToken(), MONDAY.toString(), MONDAY.toString()).path("slots").path(0).path("start").asText())
                .as("a client is offered slots from three hours ahead").isEqualTo("2026-11-30T11:00:00Z");
        assertThat(freeSlots(mayaToken(), MONDAY.toString(), MONDAY.toString()).path("slots").path(0).path("start").asText())
                .as("staff are offered every free slot").isEqualTo("2026-11-30T09:00:00Z");

        Response tooSoon = api.book(runnerToken(), null, maya, clinic, assessment, monday("10:00"));
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.headers().getContentType()).hasToString("application/problem+json");
        assertThat(tooSoon.text("rule")).isEqualTo("minimum-notice");

        created(api.book(runnerToken(), null, maya, clinic, assessment, monday("11:00")));
        assertThat(api.book(runnerToken(), null, maya, clinic, assessment, monday("14:00")).text("rule"))
                .isEqualTo("max-upcoming-sessions");
        created(api.book(mayaToken(), runner, maya, clinic, assessment, monday("09:00")));
    }

    @Test
    void booking_rules_left_out_or_out_of_range_are_a_400_naming_the_field() {
        long eventsBefore = storedEvents();

        Response missing = api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "PT1H",
                "sameDayOnline", true));
        Response tooLong = api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "P30D",
                "newClientsOnline", true, "sameDayOnline", true));
        Response none = api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "PT1H",
                "maxUpcomingSessions", 0, "newClientsOnline", true, "sameDayOnline", true));

        assertThat(List.of(missing, tooLong, none)).extracting(Response::status).containsOnly(400);
        assertThat(missing.invalidField()).isEqualTo("newClientsOnline");
        assertThat(tooLong.invalidField()).isEqualTo("minimumNotice");
        assertThat(none.invalidField()).isEqualTo("maxUpcomingSessions");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_changes_nothing() {
        long eventsBefore = storedEvents();

        Response noTherapist = api.book(runnerToken(), null, null, clinic, assessment, monday("10:00"));
        Response badStart = api.post(runnerToken(), "/sessions", Map.of("therapistId", maya, "clinicId", clinic,
                "sessionTypeId", assessment, "start", "next tuesday"));
        Response badId = api.post(runnerToken(), "/sessions", Map.of("therapistId", "not-a-uuid", "clinicId", clinic,
                "sessionTypeId", assessment, "start", monday("10:00").toString()));
        Response badHours = api.post(TestTokens.admin(), "/clinics", Map.of("name", "Odd", "address", "Odd Street",
                "timeZone", "Europe/London", "rooms", List.of(Map.of("name", "Room")),
                "openingHours", Map.of("MONDAY", List.of(Map.of("from", "18:00", "to", "09:00")))));
        Response badZone = api.post(TestTokens.admin(), "/clinics", Map.of("name", "Odd", "address", "Odd Street",
                "timeZone", "Mars/Olympus", "rooms", List.of(Map.of("name", "Room")), "openingHours", Map.of()));
        Response nullRoom = api.post(TestTokens.admin(), "/clinics", "{\"name\":\"Odd\",\"address\":\"Odd Street\","
                + "\"timeZone\":\"Europe/London\",\"openingHours\":{},\"rooms\":[null]}");
        Response badQuery = api.get(runnerToken(), "/clinics/" + clinic + "/free-slots?sessionTypeId=" + assessment
                + "&from=2026-12-01&to=2027-06-01");

        assertThat(List.of(noTherapist, badStart, badId, badHours, badZone, nullRoom, badQuery))
                .extracting(Response::status).containsOnly(400);
        assertThat(noTherapist.invalidField()).isEqualTo("therapistId");
        assertThat(badStart.invalidField()).isEqualTo("start");
        assertThat(badId.invalidField()).isEqualTo("therapistId");
        assertThat(badHours.invalidField()).startsWith("openingHours");
        assertThat(badZone.invalidField()).isEqualTo("timeZone");
        assertThat(nullRoom.invalidField()).startsWith("rooms[0]");
        assertThat(badQuery.invalidField()).isEqualTo("to");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void a_client_registered_twice_is_refused() {
        String client = UUID.randomUUID().toString();
        Map<String, Object> details = Map.of("name", "Sam Swimmer", "email", "sam@example.org");
        created(api.post(TestTokens.client(client), "/clients", details));

        Response again = api.post(TestTokens.client(client), "/clients", details);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("rule")).isEqualTo("already-exists");
    }

    @Test
    void a_retried_booking_with_the_same_idempotency_key_books_once() {
        Response first = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("11:00"),
                "Idempotency-Key", "booking-" + runner));
        Response retried = api.book(runnerToken(), null, maya, clinic, assessment, monday("11:00"),
                "Idempotency-Key", "booking-" + runner);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.text("sessionId")).isEqualTo(first.text("sessionId"));
        assertThat(retried.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(bookingsOf(runner)).isEqualTo(1);

        Response reused = api.book(runnerToken(), null, maya, clinic, assessment, monday("14:00"),
                "Idempotency-Key", "booking-" + runner);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.invalidField()).isEqualTo("Idempotency-Key");
        assertThat(bookingsOf(runner)).isEqualTo(1);
    }

    @Test
    void an_idempotency_key_is_forgotten_after_its_retention() {
        String key = "forgotten-" + runner;
        String first = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("12:00"),
                "Idempotency-Key", key)).text("sessionId");
        clock.advance(Duration.ofHours(23));
        assertThat(commands.forgetKeysOlderThan(Duration.ofDays(1))).isZero();
        assertThat(api.book(runnerToken(), null, maya, clinic, assessment, monday("12:00"), "Idempotency-Key", key)
                .text("sessionId")).isEqualTo(first);

        clock.advance(Duration.ofHours(2));
        assertThat(commands.forgetKeysOlderThan(Duration.ofDays(1))).isPositive();
        Response repeated = api.book(runnerToken(), null, maya, clinic, assessment, monday("12:00"), "Idempotency-Key", key);

        assertThat(repeated.status()).as("the repeat acts again, and the rules refuse it").isEqualTo(409);
        assertThat(bookingsOf(runner)).isEqualTo(1);
    }

    @Test
    void a_session_is_rescheduled_cancelled_late_and_its_time_freed() {
        String session = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("10:00"))).text("sessionId");

        Response moved = expect(200, api.post(runnerToken(), "/sessions/" + session + "/reschedule",
                Map.of("start", monday("15:00").toString())));
        assertThat(moved.text("start")).isEqualTo(monday("15:00").toString());
        created(api.book(TestTokens.client(cyclist), null, maya, clinic, assessment, monday("10:00")));

        clock.set(monday("15:00").minus(Duration.ofHours(3)));
        Response cancelled = expect(200, api.post(runnerToken(), "/sessions/" + session + "/cancel", Map.of("reason", "Sore knee")));
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        JsonNode entry = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(TestTokens.admin(), "/sessions/" + session).body(),
                        body -> "CANCELLED".equals(body.path("status").asText()));
        assertThat(entry.path("lateCancellation").asBoolean()).isTrue();
    }

    @Test
    void therapists_record_attendance_and_no_shows_once_sessions_have_started() {
        String attended = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("09:00"))).text("sessionId");
        String missed = created(api.book(TestTokens.client(cyclist), null, tom, clinic, assessment, monday("09:00"))).text("sessionId");
        assertThat(api.post(mayaToken(), "/sessions/" + attended + "/attended", null).status()).isEqualTo(409);

        clock.set(monday("09:10"));
        expect(204, api.post(mayaToken(), "/sessions/" + attended + "/attended", null));
        expect(204, api.post(TestTokens.therapist(tom, clinic), "/sessions/" + missed + "/missed", null));
        Response cancelAfterAttended = api.post(runnerToken(), "/sessions/" + attended + "/cancel", Map.of("reason", "late"));

        assertThat(cancelAfterAttended.status()).isEqualTo(409);
        assertThat(cancelAfterAttended.text("rule")).isEqualTo("session-attended");
        await().atMost(Duration.ofSeconds(15)).until(() -> "MISSED".equals(
                api.get(TestTokens.admin(), "/sessions/" + missed).body().path("status").asText()));
    }

    @Test
    void each_audience_sees_only_its_own() {
        String session = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("10:00"))).text("sessionId");
        String elsewhere = api.openClinic("Hillside", "Europe/London", "08:00", "20:00", "Room");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(runnerToken(), "/sessions/" + session).status() == 200);

        assertThat(api.get(TestTokens.client(cyclist), "/sessions/" + session).status()).as("another client").isEqualTo(404);
        assertThat(api.get(TestTokens.client(cyclist), "/clients/" + runner + "/sessions").status()).isEqualTo(404);
        assertThat(api.post(TestTokens.client(cyclist), "/sessions/" + session + "/cancel", Map.of("reason", "x")).status())
                .isEqualTo(404);
        assertThat(api.book(TestTokens.client(cyclist), runner, maya, clinic, assessment, monday("12:00")).status())
                .as("booking for someone else").isEqualTo(404);
        assertThat(api.get(TestTokens.therapist(tom, elsewhere), "/clinics/" + clinic + "/day-sheet?date=2026-11-30").status())
                .as("a therapist of another clinic").isEqualTo(404);
        assertThat(api.get(TestTokens.therapist(tom, elsewhere), "/sessions/" + session).status()).isEqualTo(404);
        assertThat(api.post(runnerToken(), "/clinics/" + clinic + "/close", null).status()).as("a client closing a clinic")
                .isEqualTo(403);
        assertThat(api.post(runnerToken(), "/sessions/" + session + "/attended", null).status()).isEqualTo(403);
        assertThat(api.get(runnerToken(), "/therapists/" + maya + "/calendar?from=2026-11-30&to=2026-11-30").status())
                .isEqualTo(403);
        assertThat(api.put(TestTokens.therapist(tom, clinic), "/therapists/" + maya + "/availability/" + clinic, Map.of())
                .status()).as("a colleague's hours").isEqualTo(403);
        assertThat(api.put(mayaToken(), "/clients/" + runner + "/contact", Map.of("name", "Riley Runner",
                "email", "elsewhere@example.org")).status()).as("a therapist rewriting where reminders go").isEqualTo(403);
        assertThat(api.post(runnerToken(), "/sessions/" + runner + "/cancel", Map.of("reason", "x")).status())
                .as("an id of another kind").isEqualTo(404);
        assertThat(api.get("not-a-token", "/clinics").status()).isEqualTo(401);
    }

    @Test
    void a_client_gives_or_withdraws_her_consent_to_reminders_alone_and_the_rest_of_her_details_stay() {
        JsonNode before = await().atMost(Duration.ofSeconds(15)).until(() -> api.get(runnerToken(), "/clients/" + runner).body(),
                profile -> profile.has("email"));
        assertThat(before.path("remindersConsent").asBoolean()).isTrue();
        String consent = "/clients/" + runner + "/reminders-consent";
        assertThat(api.put(runnerToken(), consent, Map.of()).invalidField()).isEqualTo("remindersConsent");
        assertThat(api.put(mayaToken(), consent, Map.of("remindersConsent", false)).status()).isEqualTo(403);

        expect(204, api.put(runnerToken(), consent, Map.of("remindersConsent", false)));

        JsonNode after = await().atMost(Duration.ofSeconds(15)).until(() -> api.get(runnerToken(), "/clients/" + runner).body(),
                profile -> !profile.path("remindersConsent").asBoolean());
        for (String field : List.of("name", "email", "phone", "preferredChannel", "language")) {
            assertThat(after.path(field)).as(field).isEqualTo(before.path(field));
        }
        expect(204, api.put(runnerToken(), consent, Map.of("remindersConsent", false)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class, runner, ClientContactChanged.class.getName())).as("asking for what is so changes nothing").isEqualTo(1);
    }

    @Test
    void a_colleague_sees_a_therapist_busy_elsewhere_but_not_with_whom() {
        String hillside = api.openClinic("Hillside", "Europe/London", "08:00", "20:00", "Room");
        expect(204, api.post(TestTokens.admin(), "/therapists/" + maya + "/clinics", Map.of("clinicId", hillside)));
        api.setWeekdayHours(maya, hillside, "09:00", "17:00");
        created(api.book(TestTokens.admin(), runner, maya, hillside, assessment, monday("10:00")));
        String colleague = TestTokens.therapist(tom, clinic);

        JsonNode calendar = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(colleague, "/therapists/" + maya + "/calendar?from=2026-11-30&to=2026-11-30").body(),
                        entries -> entries.size() == 1);

        assertThat(calendar.path(0).path("status").asText()).isEqualTo("BUSY");
        assertThat(calendar.path(0).path("clientName").isNull()).isTrue();
        assertThat(api.book(TestTokens.admin(), cyclist, maya, clinic, assessment, monday("10:30")).text("rule"))
                .as("nor can she be booked here meanwhile").isEqualTo("therapist-double-booked");
    }

    @Test
    void every_published_event_reaches_the_booking_topic() {
        String moved = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("16:00"))).text("sessionId");
        String attended = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("09:00"))).text("sessionId");
        String missed = created(api.book(TestTokens.client(cyclist), null, tom, clinic, assessment, monday("09:00"))).text("sessionId");
        expect(200, api.post(runnerToken(), "/sessions/" + moved + "/reschedule", Map.of("start", monday("15:00").toString())));
        expect(200, api.post(runnerToken(), "/sessions/" + moved + "/cancel", Map.of("reason", "Travelling")));
        expect(204, api.put(runnerToken(), "/clients/" + runner + "/contact", Map.of("name", "Riley Runner",
                "email", "riley@example.org", "phone", "+44 7700 900123", "preferredChannel", "SMS", "remindersConsent", true)));
        clock.set(monday("09:15"));
        expect(204, api.post(mayaToken(), "/sessions/" + attended + "/attended", null));
        expect(204, api.post(TestTokens.therapist(tom, clinic), "/sessions/" + missed + "/missed", null));
        List<String> keys = List.of(moved, attended, missed, runner);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(Topics.BOOKING,
                read -> read.stream().filter(record -> keys.contains(record.key())).count() >= 9, Duration.ofSeconds(30));

        assertThat(typesOf(records, moved)).containsExactly("io.soleus.booking.SessionBooked",
                "io.soleus.booking.SessionRescheduled", "io.soleus.booking.SessionCancelled");
        assertThat(typesOf(records, attended)).containsExactly("io.soleus.booking.SessionBooked", "io.soleus.booking.SessionAttended");
        assertThat(typesOf(records, missed)).containsExactly("io.soleus.booking.SessionBooked", "io.soleus.booking.SessionMissed");
        assertThat(typesOf(records, runner)).containsExactly("io.soleus.booking.ClientRegistered",
                "io.soleus.booking.ClientContactChanged");
    }

    static List<String> typesOf(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> record.key().equals(key))
                .map(record -> new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void every_event_names_who_caused_it() {
        String session = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("13:00"))).text("sessionId");
        expect(200, api.post(mayaToken(), "/sessions/" + session + "/cancel", Map.of("reason", "Therapist unwell")));

        assertThat(metadataOf(session, "SessionBooked")).contains("\"actor\":\"" + runner + "\"")
                .contains("\"actorRoles\":\"CLIENT\"");
        assertThat(metadataOf(session, "SessionCancelled")).contains("\"actor\":\"" + maya + "\"")
                .contains("\"actorRoles\":\"THERAPIST\"");
        assertThat(metadataOf(session, "SessionCancelled")).as("Axon's own correlation still there")
                .contains("\"correlationId\"");
    }

    @Test
    void a_clients_audit_trail_says_who_changed_their_record_and_when() {
        String session = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("13:00"))).text("sessionId");
        expect(200, api.post(mayaToken(), "/sessions/" + session + "/cancel", Map.of("reason", "Therapist unwell")));
        created(api.book(TestTokens.client(cyclist), null, tom, clinic, assessment, monday("14:00")));

        await().atMost(Duration.ofSeconds(20)).until(() -> expect(200,
                api.get(TestTokens.admin(), "/clients/" + runner + "/audit")).body().size() == 3);
        JsonNode trail = expect(200, api.get(TestTokens.admin(), "/clients/" + runner + "/audit")).body();

        assertThat(trail.findValuesAsText("change")).as("newest first")
                .containsExactly("SessionCancelled", "SessionBooked", "ClientRegistered");
        assertThat(trail.findValuesAsText("actor")).containsExactly(maya, runner, "admin-1");
        JsonNode asTheClient = expect(200, api.get(runnerToken(), "/clients/" + runner + "/audit")).body();
        assertThat(asTheClient.findValuesAsText("change")).isEqualTo(trail.findValuesAsText("change"));
        assertThat(asTheClient.path(2).hasNonNull("actor")).as("which admin it was is for admins").isFalse();
        assertThat(asTheClient.path(2).path("actorRoles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(trail.path(0).path("actorRoles").toString()).isEqualTo("[\"THERAPIST\"]");
        assertThat(trail.path(0).path("recordId").asText()).isEqualTo(session);
        assertThat(trail.path(0).path("service").asText()).isEqualTo("booking-service");
        assertThat(trail.toString()).as("names the change, not its content").doesNotContain("Therapist unwell")
                .doesNotContain("Riley");
        JsonNode cyclists = await().atMost(Duration.ofSeconds(20)).until(() -> expect(200,
                api.get(TestTokens.admin(), "/clients/" + cyclist + "/audit")).body(), entries -> entries.size() == 2);
        assertThat(cyclists.findValuesAsText("change")).containsExactly("SessionBooked", "ClientRegistered");
    }

    @Test
    void a_client_exports_everything_booking_holds_of_them() {
        String session = created(api.book(runnerToken(), null, maya, clinic, assessment, monday("13:00"))).text("sessionId");
        expect(200, api.post(runnerToken(), "/sessions/" + session + "/cancel", Map.of("reason", "Away that week")));
        created(api.book(runnerToken(), null, maya, clinic, assessment, monday("15:00")));

        JsonNode export = await().atMost(Duration.ofSeconds(20)).until(() -> api.get(runnerToken(), "/clients/" + runner
                + "/export"), answer -> answer.status() == 200 && answer.body().path("changes").size() == 4
                // the audit trail and the sessions are read models of their own, each a moment behind the events
                && answer.body().path("sessions").path("upcoming").size() == 2).body();

        assertThat(export.path("profile").path("email").asText()).isEqualTo("riley@example.org");
        assertThat(export.path("sessions").path("upcoming").findValuesAsText("status"))
                .as("cancelled sessions are part of it too").containsExactlyInAnyOrder("CANCELLED", "BOOKED");
        assertThat(export.path("changes").findValuesAsText("change"))
                .containsExactly("SessionBooked", "SessionCancelled", "SessionBooked", "ClientRegistered");
        assertThat(expect(200, api.get(TestTokens.admin(), "/clients/" + runner + "/export")).body().path("profile")
                .path("name").asText()).isEqualTo("Riley Runner");
        assertThat(api.get(TestTokens.client(cyclist), "/clients/" + runner + "/export").status()).isEqualTo(403);
    }

    String metadataOf(String aggregate, String type) {
        return jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ?""", String.class, aggregate, "%." + type);
    }

    @Test
    void a_therapist_posting_a_malformed_clinic_is_refused_before_the_body_is_read() {
        String malformed = "{\"name\": 42, \"rooms\": \"all of them\"";

        Response asTherapist = api.post(mayaToken(), "/clinics", malformed);
        assertThat(asTherapist.status()).isEqualTo(403);
        assertThat(asTherapist.body().has("errors")).as("nothing about what a clinic looks like").isFalse();

        Response asAdmin = api.post(TestTokens.admin(), "/clinics", malformed);
        assertThat(asAdmin.status()).isEqualTo(400);
        assertThat(asAdmin.body().path("errors")).isNotEmpty();
    }

    @Test
    void a_client_changes_their_own_contact_details_only() {
        Map<String, Object> details = Map.of("name", "Casey Cyclist", "email", "casey@example.org",
                "preferredChannel", "EMAIL", "remindersConsent", true);

        assertThat(api.put(runnerToken(), "/clients/" + cyclist + "/contact", details).status()).isEqualTo(403);
        assertThat(api.put(mayaToken(), "/clients/" + cyclist + "/contact", details).status()).isEqualTo(403);
        assertThat(api.put(TestTokens.client(cyclist), "/clients/" + cyclist + "/contact", details).status()).isEqualTo(204);
    }

    @Test
    void the_api_is_described_by_openapi_with_how_to_get_in() {
        Response docs = api.get(null, "/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/sessions")).isTrue();
        assertThat(docs.body().path("paths").has("/clinics/{clinicId}/free-slots")).isTrue();
        ApiDescriptions.assertComplete("booking-service", docs.body());
    }

    long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    long bookingsOf(String client) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'io.soleus.kernel.booking.SessionBooked' AND convert_from(payload, 'UTF8') LIKE ?""",
                Long.class, "%" + client + "%");
    }
}
