package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.booking.waitlist.WaitlistProjection;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The waitlist over HTTP: a cancelled session's time goes to the first waitlisted client in order,
 * held for them; they book it from the offer and the next in line hears nothing; an offer not taken
 * in time goes to the next client; nobody else can book a held time; an offer is booked once.
 */
@BookingServiceTest
class WaitlistTest {

    static final Map<String, Object> MONDAYS = Map.of("MONDAY", List.of(Map.of("from", "08:00", "to", "18:00")));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    BookingApi api;
    String clinic;
    String maya;
    String assessment;
    String runner;
    String first;
    String second;
    String runnersSession;

    @BeforeEach
    void theRunnerIsBookedAndTwoClientsWaitForMondays() {
        api = new BookingApi(port);
        clinic = api.openClinic("Waitlist clinic", "Europe/London", "08:00", "20:00", "The only room");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        assessment = api.defineSessionType("Initial assessment", 60, 15, maya);
        runner = api.registerClient("Riley Runner", "riley@example.org");
        first = api.registerClient("Frankie First", "frankie@example.org");
        second = api.registerClient("Sam Second", "sam@example.org");
        runnersSession = created(api.book(TestTokens.admin(), runner, maya, clinic, assessment, monday("10:00"))).text("sessionId");
        // Sam joined first, but Frankie's need is more urgent: Frankie is first in line
        join(second, "ROUTINE");
        join(first, "SOON");
        ReadModels.awaitCaughtUp(service, WaitlistProjection.GROUP);
    }

    @AfterEach
    void resetTheClock() {
        clock.set(Practice.NOW);
    }

    void join(String client, String urgency) {
        created(api.post(TestTokens.client(client), "/waitlist", Map.of("clinicId", clinic, "sessionTypeId", assessment,
                "times", MONDAYS, "urgency", urgency)));
    }

    JsonNode entryOf(String client) {
        return expect(200, api.get(TestTokens.client(client), "/clients/" + client + "/waitlist")).body().path(0);
    }

    /** Waits until {@code client} holds an offer, and answers its id. */
    String awaitOfferTo(String client) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> entryOf(client),
                entry -> "OFFERED".equals(entry.path("status").asText())).path("offerId").asText();
    }

    @Test
    void the_staff_see_the_list_most_urgent_first() {
        JsonNode list = expect(200, api.get(TestTokens.therapist(maya, clinic), "/clinics/" + clinic + "/waitlist")).body();

        assertThat(list.findValuesAsText("clientName")).containsExactly("Frankie First", "Sam Second");
        assertThat(list.findValuesAsText("urgency")).containsExactly("SOON", "ROUTINE");
    }

    @Test
    void a_cancelled_time_goes_to_the_first_in_line_who_books_it_and_the_next_hears_nothing() {
        expect(200, api.post(TestTokens.client(runner), "/sessions/" + runnersSession + "/cancel", Map.of("reason", "Away")));

        String offer = awaitOfferTo(first);
        JsonNode offered = expect(200, api.get(TestTokens.client(first), "/waitlist/offers/" + offer)).body();
        assertThat(offered.path("start").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(offered.path("therapistName").asText()).isEqualTo("Maya Lindqvist");
        assertThat(offered.path("expiresAt").asText()).isEqualTo("2026-11-23T11:00:00Z");

        // held: nobody else can book it meanwhile, not even at the desk
        Response taken = api.book(TestTokens.admin(), runner, maya, clinic, assessment, monday("10:00"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("rule")).isEqualTo("therapist-double-booked");

        Response booked = created(api.post(TestTokens.client(first), "/waitlist/offers/" + offer + "/accept", Map.of()));
        assertThat(booked.text("sessionId")).isEqualTo(offer);
        assertThat(booked.text("start")).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(booked.text("clientId")).isEqualTo(first);
        ReadModels.awaitCaughtUp(service, WaitlistProjection.GROUP);
        assertThat(entryOf(first).path("status").asText()).isEqualTo("BOOKED");
        assertThat(entryOf(second).path("status").asText()).isEqualTo("WAITING");
        assertThat(entryOf(second).path("offerId").isNull()).isTrue();

        // taken twice (a double click): booked once, the same session answered
        Response again = api.post(TestTokens.client(first), "/waitlist/offers/" + offer + "/accept", Map.of());
        assertThat(again.status()).isIn(200, 201);
        assertThat(again.text("sessionId")).isEqualTo(offer);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'io.soleus.kernel.booking.SessionBooked' AND aggregate_identifier = ?""",
                Long.class, offer)).isEqualTo(1);
    }

    @Test
    void an_offer_not_taken_in_time_goes_to_the_next_client_and_can_no_longer_be_taken() {
        expect(204, api.put(TestTokens.admin(), "/clinics/" + clinic + "/booking-rules", Map.of("minimumNotice", "PT1H",
                "newClientsOnline", true, "sameDayOnline", true, "offerHold", "PT10M")));
        expect(200, api.post(TestTokens.admin(), "/sessions/" + runnersSession + "/cancel", Map.of("reason", "Clinic moved it")));
        String firstOffer = awaitOfferTo(first);

        clock.set(Practice.NOW.plus(Duration.ofMinutes(11)));

        String secondOffer = awaitOfferTo(second);
        assertThat(secondOffer).isNotEqualTo(firstOffer);
        JsonNode offered = expect(200, api.get(TestTokens.client(second), "/waitlist/offers/" + secondOffer)).body();
        assertThat(offered.path("start").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(entryOf(first).path("status").asText()).isEqualTo("WAITING");

        Response late = api.post(TestTokens.client(first), "/waitlist/offers/" + firstOffer + "/accept", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("rule")).isEqualTo("offer-expired");
        created(api.post(TestTokens.client(second), "/waitlist/offers/" + secondOffer + "/accept", Map.of()));
    }

    @Test
    void a_client_who_leaves_with_an_offer_passes_it_on() {
        expect(200, api.post(TestTokens.client(runner), "/sessions/" + runnersSession + "/cancel", Map.of("reason", "Away")));
        awaitOfferTo(first);

        expect(204, api.post(TestTokens.client(first), "/waitlist/" + entryOf(first).path("entryId").asText() + "/leave", Map.of()));

        String passedOn = awaitOfferTo(second);
        assertThat(expect(200, api.get(TestTokens.client(second), "/waitlist/offers/" + passedOn)).body().path("start").asText())
                .isEqualTo("2026-11-30T10:00:00Z");
    }

    @Test
    void a_moved_sessions_old_time_is_offered_too() {
        expect(200, api.post(TestTokens.admin(), "/sessions/" + runnersSession + "/reschedule",
                Map.of("start", monday("14:00").toString())));

        String offer = awaitOfferTo(first);
        assertThat(expect(200, api.get(TestTokens.client(first), "/waitlist/offers/" + offer)).body().path("start").asText())
                .isEqualTo("2026-11-30T10:00:00Z");
    }

    String offeredStart(String client) {
        return expect(200, api.get(TestTokens.client(client), "/waitlist/offers/" + awaitOfferTo(client))).body()
                .path("start").asText();
    }

    @Test
    void time_off_withdrawn_is_offered_to_each_client_in_line_at_the_first_time_they_can_take() {
        String timeOff = created(api.post(TestTokens.admin(), "/therapists/" + maya + "/exceptions", Map.of("kind", "TIME_OFF",
                "from", "2026-12-07T00:00:00Z", "to", "2026-12-08T00:00:00Z"))).text("exceptionId");
        expect(204, api.send("DELETE", TestTokens.admin(), "/therapists/" + maya + "/exceptions/" + timeOff, null));

        // Monday 7 December is Maya's again, from nine: Frankie gets the first hour, Sam the next after its buffer
        assertThat(offeredStart(first)).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(offeredStart(second)).isEqualTo("2026-12-07T10:15:00Z");
    }

    @Test
    void extra_hours_are_offered_to_the_first_in_line_who_can_take_them() {
        created(api.post(TestTokens.admin(), "/therapists/" + maya + "/exceptions", Map.of("kind", "EXTRA_HOURS",
                "clinicId", clinic, "from", "2026-12-14T17:00:00Z", "to", "2026-12-14T18:00:00Z")));

        assertThat(offeredStart(first)).isEqualTo("2026-12-14T17:00:00Z");
        ReadModels.awaitCaughtUp(service, WaitlistProjection.GROUP);
        assertThat(entryOf(second).path("status").asText()).as("one hour holds one session").isEqualTo("WAITING");
    }

    @Test
    void joining_needs_times_and_a_known_clinic_and_changes_nothing_when_refused() {
        Response noTimes = api.post(TestTokens.client(first), "/waitlist", Map.of("clinicId", clinic, "sessionTypeId", assessment,
                "times", Map.of()));
        Response badUrgency = api.post(TestTokens.client(first), "/waitlist", Map.of("clinicId", clinic,
                "sessionTypeId", assessment, "times", MONDAYS, "urgency", "YESTERDAY"));

        assertThat(noTimes.status()).isEqualTo(400);
        assertThat(noTimes.invalidField()).isEqualTo("times");
        assertThat(badUrgency.status()).isEqualTo(400);
        assertThat(badUrgency.invalidField()).isEqualTo("urgency");
    }
}
