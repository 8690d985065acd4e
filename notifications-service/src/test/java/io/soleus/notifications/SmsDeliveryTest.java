package io.soleus.notifications;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** SMS through the provider stub: a transient failure is retried with backoff, a permanent one is a dead letter. */
class SmsDeliveryTest extends NotificationsServiceTest {

    /** Texts wait out the night (quiet hours), so these tests run in the clinic's day. */
    @BeforeEach
    void daytime() {
        java.time.ZonedDateTime london = CLOCK.instant().atZone(java.time.ZoneId.of("Europe/London"));
        if (london.getHour() < 9 || london.getHour() >= 19) {
            CLOCK.set(london.toLocalDate().plusDays(london.getHour() < 9 ? 0 : 1).atTime(10, 0)
                    .atZone(london.getZone()).toInstant());
        }
    }

    @Test
    void a_5xx_is_retried_after_the_backoff_with_the_same_idempotency_key_and_then_sent() {
        String phone = phone();
        SmsProvider.server().stubFor(toPhone(phone).inScenario(phone).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        SmsProvider.server().stubFor(toPhone(phone).inScenario(phone).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"sms-4711\"}")));
        ClientId client = bookFor(phone);

        Map<String, Object> retrying = awaitStatus(client.value(), "CONFIRMATION", "RETRYING");
        assertThat(retrying.get("attempts")).isEqualTo(1);
        assertThat(retrying.get("last_error")).isEqualTo("503 from the SMS provider");

        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        Map<String, Object> sent = awaitStatus(client.value(), "CONFIRMATION", "SENT");
        assertThat(sent.get("attempts")).isEqualTo(2);
        assertThat(sent.get("provider_id")).isEqualTo("sms-4711");
        assertThat(SmsProvider.to(phone)).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo(sent.get("notification_id").toString());
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SmsProvider.API_KEY);
        });
        LoggedRequest request = SmsProvider.to(phone).get(1);
        assertThat(request.getBodyAsString()).contains("Booked: Sports massage").contains("Riverside Clinic");
    }

    @Test
    void no_answer_is_retried_with_growing_waits_until_it_gives_up() {
        String phone = phone();
        SmsProvider.server().stubFor(toPhone(phone).willReturn(aResponse().withStatus(201).withFixedDelay(2_000)));
        ClientId client = bookFor(phone);

        assertThat(awaitStatus(client.value(), "CONFIRMATION", "RETRYING").get("last_error"))
                .isEqualTo("no answer from the SMS provider");
        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        awaitAttempts(client, 2);
        // the second wait is twice the first (counted from the attempt, which waited a second for the answer)
        Map<String, Object> second = notifications(client.value(), "CONFIRMATION").get(0);
        Duration wait = Duration.between(((java.sql.Timestamp) second.get("last_attempt_at")).toInstant(),
                ((java.sql.Timestamp) second.get("due_at")).toInstant());
        assertThat(wait).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(5));
        CLOCK.advance(Duration.ofMinutes(2).plusSeconds(10));
        Map<String, Object> failed = awaitStatus(client.value(), "CONFIRMATION", "FAILED");
        assertThat(failed.get("attempts")).isEqualTo(3);
        assertThat(failed.get("last_error").toString()).contains("gave up after 3 attempts");
    }

    @Test
    void a_4xx_fails_at_once_lands_in_the_dead_letters_and_an_admin_can_send_it_again() {
        String phone = phone();
        SmsProvider.server().stubFor(toPhone(phone).atPriority(1).willReturn(aResponse().withStatus(400)));
        ClientId client = bookFor(phone);

        Map<String, Object> failed = awaitStatus(client.value(), "CONFIRMATION", "FAILED");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(failed.get("last_error")).isEqualTo("400 from the SMS provider");
        String id = failed.get("notification_id").toString();
        ApiClient api = api();
        assertThat(ApiClient.expect(200, api.get(TestTokens.admin(), "/admin/deliveries/dead-letters?limit=1000"))
                .body().findValuesAsText("id")).contains(id);
        ApiClient.expect(403, api.get(TestTokens.therapist("therapist", "clinic"), "/admin/deliveries/dead-letters"));
        ApiClient.expect(403, api.post(TestTokens.client(client.toString()), "/admin/deliveries/" + id + "/retry", null));

        SmsProvider.server().stubFor(toPhone(phone).atPriority(1).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sms-again\"}")));
        ApiClient.expect(202, api.post(TestTokens.admin(), "/admin/deliveries/" + id + "/retry", null));
        Map<String, Object> sent = awaitStatus(client.value(), "CONFIRMATION", "SENT");
        assertThat(sent.get("provider_id")).isEqualTo("sms-again");
        assertThat(sent.get("attempts")).isEqualTo(2);

        ApiClient.Response again = ApiClient.expect(409, api.post(TestTokens.admin(), "/admin/deliveries/" + id + "/retry", null));
        assertThat(again.text("rule")).isEqualTo("only-dead-letters-are-retried");
        ApiClient.Response log = ApiClient.expect(200, api.get(TestTokens.admin(), "/admin/deliveries?kind=CONFIRMATION&clientId=" + client));
        assertThat(log.body().get(0).get("status").asText()).isEqualTo("SENT");
        assertThat(log.body().get(0).get("providerId").asText()).isEqualTo("sms-again");
    }

    @Test
    void a_text_held_overnight_is_not_sent_once_its_session_is_cancelled() {
        java.time.ZoneId london = java.time.ZoneId.of("Europe/London");
        java.time.LocalDate today = CLOCK.instant().atZone(london).toLocalDate();
        CLOCK.set(today.atTime(23, 0).atZone(london).toInstant());
        String phone = phone();
        Practice riverside = new Practice("Riverside Clinic");
        ClientId client = riverside.client("Noor Hale", NotificationFlowTest.address("noor"), phone, Channel.SMS);
        awaitRecipient(client);
        SessionId session = SessionId.random();
        riverside.book(session, client, "Sports massage", CLOCK.instant().plus(Duration.ofDays(3)));
        java.time.Instant morning = today.plusDays(1).atTime(8, 0).atZone(london).toInstant();
        // the confirmation is held for the morning
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                notifications(client.value(), "CONFIRMATION").stream().anyMatch(row ->
                        ((java.sql.Timestamp) row.get("due_at")).toInstant().equals(morning)));

        riverside.cancel(session, io.soleus.kernel.value.CancelledBy.CLIENT, false, "Changed my mind");
        awaitStatus(client.value(), "CONFIRMATION", "CANCELLED");
        CLOCK.set(morning.plusSeconds(1));

        awaitStatus(client.value(), "CANCELLATION", "SENT");
        assertThat(SmsProvider.to(phone)).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("Cancelled: Sports massage"));
    }

    private ClientId bookFor(String phone) {
        Practice riverside = new Practice("Riverside Clinic");
        ClientId client = riverside.client("Ash Green", NotificationFlowTest.address("ash"), phone, Channel.SMS);
        awaitRecipient(client);
        riverside.book(SessionId.random(), client, "Sports massage", CLOCK.instant().plus(Duration.ofDays(5)));
        return client;
    }

    private void awaitAttempts(ClientId client, int attempts) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                ((Number) notifications(client.value(), "CONFIRMATION").get(0).get("attempts")).intValue() == attempts
                        && "RETRYING".equals(notifications(client.value(), "CONFIRMATION").get(0).get("status")));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder toPhone(String phone) {
        return post(urlEqualTo("/messages")).withRequestBody(matchingJsonPath("$.to", equalTo(phone)));
    }

    private static String phone() {
        return "+44 7700 9" + (100000 + (int) (Math.random() * 899999));
    }
}
