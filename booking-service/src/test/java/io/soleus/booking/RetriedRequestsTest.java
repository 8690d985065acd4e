package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every change a caller may retry, sent twice under one {@code Idempotency-Key} as a client on a
 * flaky network would: the second answer is the first's, marked replayed, and the store holds one
 * event. Without a key, a repeated create makes a second thing (that is what the key is for).
 */
@BookingServiceTest
class RetriedRequestsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    BookingApi api;
    String clinic;
    String maya;
    String assessment;

    @BeforeEach
    void aClinicWithATherapist() {
        api = new BookingApi(port);
        clinic = api.openClinic("Harbour", "Europe/London", "08:00", "20:00", "Room 1");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        assessment = api.defineSessionType("Initial assessment", 60, 15, maya);
    }

    @Test
    void a_retried_clinic_opening_opens_one_clinic() {
        Map<String, Object> request = Map.of("name", "Quayside", "address", "1 Quay", "timeZone", "Europe/London",
                "openingHours", Map.of("MONDAY", List.of(Map.of("from", "09:00", "to", "17:00"))),
                "rooms", List.of(Map.of("name", "Room A")));
        String clinicId = sentTwice(TestTokens.admin(), "/clinics", request, 201).text("clinicId");
        assertThat(eventsOf(clinicId, "ClinicOpened")).isEqualTo(1);
    }

    @Test
    void a_retried_room_therapist_session_type_and_client_each_make_one() {
        String room = sentTwice(TestTokens.admin(), "/clinics/" + clinic + "/rooms", Map.of("name", "Room 2"), 201)
                .text("roomId");
        assertThat(count("RoomAdded", room)).isEqualTo(1);

        String name = "Tom Okafor " + UUID.randomUUID();
        String therapist = sentTwice(TestTokens.admin(), "/therapists",
                Map.of("name", name, "clinics", List.of(clinic)), 201).text("therapistId");
        assertThat(eventsOf(therapist, "TherapistRegistered")).isEqualTo(1);
        assertThat(count("TherapistRegistered", name)).isEqualTo(1);

        String type = sentTwice(TestTokens.admin(), "/session-types", Map.of("name", "Follow-up", "durationMinutes", 45,
                "therapists", List.of(maya)), 201).text("sessionTypeId");
        assertThat(eventsOf(type, "SessionTypeDefined")).isEqualTo(1);

        String client = sentTwice(TestTokens.admin(), "/clients", Map.of("name", "Riley Runner",
                "email", "riley@example.org", "preferredChannel", "EMAIL", "remindersConsent", true), 201).text("clientId");
        assertThat(eventsOf(client, "ClientRegistered")).isEqualTo(1);

        String exception = sentTwice(TestTokens.therapist(maya, clinic), "/therapists/" + maya + "/exceptions",
                Map.of("kind", "TIME_OFF", "from", "2026-12-07T09:00:00Z", "to", "2026-12-07T12:00:00Z"), 201)
                .text("exceptionId");
        assertThat(eventsOf(maya, "AvailabilityExceptionAdded")).as("exception " + exception).isEqualTo(1);
    }

    @Test
    void a_client_retrying_a_cancellation_gets_its_answer_again_not_a_refusal() {
        String runner = api.registerClient("Casey Cyclist", "casey@example.org");
        String session = created(api.book(TestTokens.client(runner), null, maya, clinic, assessment, monday("10:00")))
                .text("sessionId");

        Response again = sentTwice(TestTokens.client(runner), "/sessions/" + session + "/cancel",
                Map.of("reason", "Something came up"), 200);
        assertThat(again.text("status")).isEqualTo("CANCELLED");
        assertThat(eventsOf(session, "SessionCancelled")).isEqualTo(1);

        Response withoutKey = api.post(TestTokens.client(runner), "/sessions/" + session + "/cancel",
                Map.of("reason", "Something came up"));
        assertThat(withoutKey.status()).as("cancelling twice without a key is refused by the rule").isEqualTo(409);
    }

    @Test
    void attendance_recorded_twice_under_one_key_is_recorded_once() {
        String runner = api.registerClient("Sam Swimmer", "sam@example.org");
        String session = created(api.book(TestTokens.admin(), runner, maya, clinic, assessment, monday("11:00")))
                .text("sessionId");

        clock.set(monday("12:30"));

        sentTwice(TestTokens.therapist(maya, clinic), "/sessions/" + session + "/attended", Map.of(), 204);
        assertThat(eventsOf(session, "SessionAttended")).isEqualTo(1);
    }

    @AfterEach
    void resetTheClock() {
        clock.set(Practice.NOW);
    }

    @Test
    void a_key_used_on_one_endpoint_is_refused_on_another_and_acts_there_not_at_all() {
        String runner = api.registerClient("Pat Paddler", "pat@example.org");
        String session = created(api.book(TestTokens.admin(), runner, maya, clinic, assessment, monday("15:00")))
                .text("sessionId");
        clock.set(monday("16:30"));
        String key = UUID.randomUUID().toString();
        expect(204, api.post(TestTokens.admin(), "/sessions/" + session + "/attended", Map.of(), "Idempotency-Key", key));

        Response missed = api.post(TestTokens.admin(), "/sessions/" + session + "/missed", Map.of(), "Idempotency-Key", key);

        assertThat(missed.status()).isEqualTo(422);
        assertThat(missed.invalidField()).isEqualTo("Idempotency-Key");
        assertThat(eventsOf(session, "SessionMissed")).isZero();
    }

    @Test
    void without_a_key_a_repeated_create_makes_a_second_one() {
        Map<String, Object> request = Map.of("name", "Walk-in", "durationMinutes", 30, "therapists", List.of(maya));
        String first = created(api.post(TestTokens.admin(), "/session-types", request)).text("sessionTypeId");
        String second = created(api.post(TestTokens.admin(), "/session-types", request)).text("sessionTypeId");
        assertThat(second).isNotEqualTo(first);
    }

    /** Sends the request, then the same again under the same key; the repeat must answer the same, marked replayed. */
    private Response sentTwice(String token, String path, Object body, int status) {
        String key = UUID.randomUUID().toString();
        Response first = expect(status, api.post(token, path, body, "Idempotency-Key", key));
        Response repeat = expect(status, api.post(token, path, body, "Idempotency-Key", key));
        assertThat(first.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(repeat.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().getLocation()).isEqualTo(first.headers().getLocation());
        return repeat;
    }

    private long eventsOf(String aggregate, String type) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type ~ ?""",
                Long.class, aggregate, "[.$]" + type + "$");
    }

    private long count(String type, String text) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE payload_type ~ ? AND convert_from(payload, 'UTF8') LIKE ?""",
                Long.class, "[.$]" + type + "$", "%" + text + "%");
    }
}
