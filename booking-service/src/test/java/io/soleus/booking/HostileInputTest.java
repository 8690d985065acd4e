package io.soleus.booking;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.platform.test.HostileInput.Attempt;
import io.soleus.platform.test.HostileInput.ValidBody;
import io.soleus.platform.test.ServiceUnderAttack;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every command endpoint of booking's API, fed hostile bodies (jqwik): malformed JSON, wrong types,
 * missing and extra fields, huge text, odd Unicode, numbers and dates out of range, SQL and HTML.
 * Each is a 4xx problem naming the field, never a 5xx, and stores nothing; hostile ids and query
 * values in reads are never a 5xx either. The service stays ready, and its logs hold none of the
 * personal data sent.
 */
class HostileInputTest {

    private static final String NAME = "Henrietta Hostile";
    private static final String EMAIL = "henrietta.hostile@example.org";
    private static final String PHONE = "+44 7700 900999";
    private static final String REASON = "Henrietta's private reason";

    private static final String SOME_ID = UUID.randomUUID().toString();
    private static final Map<String, Object> HOURS = Map.of("MONDAY", List.of(Map.of("from", "09:00", "to", "17:00")));
    private static final Map<String, Object> CLIENT = Map.of("name", NAME, "email", EMAIL, "phone", PHONE,
            "preferredChannel", "EMAIL", "remindersConsent", true, "language", "en");

    /** A valid body for each command endpoint; the test fails when the API has one without an example. */
    static final List<ValidBody> EXAMPLES = List.of(
            new ValidBody("POST /clinics", Map.of("name", "Harbour Clinic", "address", "1 Quay Street",
                    "timeZone", "Europe/London", "openingHours", HOURS, "rooms", List.of(Map.of("name", "Room 1")),
                    "lateCancellationWindow", "PT24H")),
            new ValidBody("PUT /clinics/{clinicId}/opening-hours", HOURS),
            new ValidBody("PUT /clinics/{clinicId}/booking-rules", Map.of("minimumNotice", "PT12H",
                    "maxUpcomingSessions", 4, "newClientsOnline", false, "sameDayOnline", false)),
            new ValidBody("POST /clinics/{clinicId}/rooms", Map.of("name", "Room 2")),
            new ValidBody("POST /therapists", Map.of("name", "Maya Lindqvist", "clinics", List.of(SOME_ID))),
            new ValidBody("POST /therapists/{therapistId}/clinics", Map.of("clinicId", SOME_ID)),
            new ValidBody("PUT /therapists/{therapistId}/availability/{clinicId}", HOURS),
            new ValidBody("POST /therapists/{therapistId}/exceptions", Map.of("kind", "TIME_OFF", "clinicId", SOME_ID,
                    "from", "2026-12-14T09:00:00Z", "to", "2026-12-14T12:00:00Z")),
            new ValidBody("POST /session-types", Map.of("name", "Initial assessment", "durationMinutes", 60,
                    "bufferMinutes", 15, "therapists", List.of(SOME_ID))),
            new ValidBody("PUT /session-types/{sessionTypeId}/therapists", Map.of("therapists", List.of(SOME_ID))),
            new ValidBody("POST /clients", CLIENT),
            new ValidBody("PUT /clients/{clientId}/contact", CLIENT),
            new ValidBody("PUT /clients/{clientId}/reminders-consent", Map.of("remindersConsent", false)),
            new ValidBody("POST /sessions", Map.of("clientId", SOME_ID, "therapistId", SOME_ID, "clinicId", SOME_ID,
                    "sessionTypeId", SOME_ID, "start", "2026-12-14T10:00:00Z")),
            new ValidBody("POST /sessions/{sessionId}/reschedule", Map.of("start", "2026-12-15T10:00:00Z")),
            new ValidBody("POST /sessions/{sessionId}/cancel", Map.of("reason", REASON)),
            new ValidBody("POST /series", Map.of("clientId", SOME_ID, "therapistId", SOME_ID, "clinicId", SOME_ID,
                    "sessionTypeId", SOME_ID, "start", "2026-12-14T10:00:00Z", "count", 4, "everyWeeks", 1)),
            new ValidBody("POST /series/check", Map.of("clientId", SOME_ID, "therapistId", SOME_ID, "clinicId", SOME_ID,
                    "sessionTypeId", SOME_ID, "starts", List.of("2026-12-14T10:00:00Z", "2026-12-21T10:00:00Z"))),
            new ValidBody("POST /series/{seriesId}/reschedule", Map.of("fromSessionId", SOME_ID, "start", "2026-12-15T10:00:00Z")),
            new ValidBody("POST /series/{seriesId}/cancel", Map.of("fromSessionId", SOME_ID, "reason", REASON)),
            new ValidBody("POST /waitlist", Map.of("clientId", SOME_ID, "clinicId", SOME_ID, "sessionTypeId", SOME_ID,
                    "times", HOURS, "urgency", "SOON")));

    static ServiceUnderAttack booking;

    @BeforeContainer
    static void start() {
        booking = ServiceUnderAttack.start(BookingApplication.class, List.of(NAME, EMAIL, PHONE, REASON));
    }

    @AfterContainer
    static void stop() {
        booking.close();
    }

    @Example
    void every_command_endpoint_has_an_example() {
        booking.assertAnExampleForEveryCommand(EXAMPLES);
    }

    @Example
    void every_example_is_good_input_so_only_its_damage_is_refused() {
        booking.assertExamplesAreGoodInput(EXAMPLES);
    }

    @Property(tries = 400)
    void a_hostile_body_is_a_4xx_naming_the_field_and_stores_nothing(@ForAll("attempts") Attempt attempt) {
        booking.check(attempt, HostileInputTest::storedEvents);
    }

    @Property(tries = 150)
    void a_hostile_read_is_never_a_5xx(@ForAll("reads") String pathAndQuery) {
        booking.checkRead(pathAndQuery);
    }

    @Provide
    Arbitrary<Attempt> attempts() {
        return booking.attempts(EXAMPLES);
    }

    @Provide
    Arbitrary<String> reads() {
        return booking.reads();
    }

    static long storedEvents() {
        return booking.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
