package io.soleus.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.ApiDescriptions;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The in-app feed over REST and server-sent events, and what a client's preferences change. */
class FeedAndPreferencesTest extends NotificationsServiceTest {

    private final HttpClient streams = HttpClient.newHttpClient();
    private final List<CompletableFuture<?>> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeStreams() {
        open.forEach(stream -> stream.cancel(true));
    }

    @Test
    void a_client_sees_a_new_message_arrive_on_the_live_feed_and_in_the_feed() throws Exception {
        Practice riverside = new Practice("Riverside Clinic");
        ClientId client = riverside.client("Kim Lake", NotificationFlowTest.address("kim"), null, Channel.IN_APP);
        awaitRecipient(client);
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/clients/" + client + "/notifications/stream"))
                .header("Authorization", "Bearer " + TestTokens.client(client.toString()))
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":connected"));

        riverside.book(SessionId.random(), client, "Initial assessment", CLOCK.instant().plus(Duration.ofDays(4)));

        // an event is its lines up to a blank one: "id:", "event:", "data:"
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event:notification")
                && lines.stream().anyMatch(line -> line.startsWith("data:")));
        String data = lines.stream().filter(line -> line.startsWith("data:")).findFirst().orElseThrow();
        assertThat(data).contains("\"kind\":\"CONFIRMATION\"").contains("\"channel\":\"IN_APP\"")
                .contains("Your Initial assessment at Riverside Clinic is booked");
        JsonNode feed = ApiClient.expect(200, api().get(TestTokens.client(client.toString()),
                "/clients/" + client + "/notifications")).body();
        assertThat(feed).hasSize(1);
        assertThat(feed.get(0).get("title").asText()).isEqualTo("Your Initial assessment at Riverside Clinic is booked");
        assertThat(feed.get(0).get("text").asText()).startsWith("Booked: Initial assessment");
        stream.cancel(true);

        ClientId someoneElse = ClientId.random();
        ApiClient.expect(403, api().get(TestTokens.client(someoneElse.toString()), "/clients/" + client + "/notifications"));
        ApiClient.expect(403, api().get(TestTokens.client(someoneElse.toString()),
                "/clients/" + client + "/notifications/stream"));
        ApiClient.expect(403, api().get(TestTokens.therapist("t", riverside.clinic.toString()),
                "/clients/" + client + "/notifications"));
        ApiClient.expect(401, api().get(null, "/clients/" + client + "/notifications"));
        ApiClient.expect(200, api().get(TestTokens.admin(), "/clients/" + client + "/notifications"));
    }

    @Test
    void a_stream_opened_with_a_position_begins_with_what_was_sent_after_it() {
        Practice riverside = new Practice("Riverside Clinic");
        ClientId client = riverside.client("Ola Brook", NotificationFlowTest.address("ola"), null, Channel.IN_APP);
        awaitRecipient(client);
        riverside.book(SessionId.random(), client, "Initial assessment", CLOCK.instant().plus(Duration.ofDays(4)));
        await().atMost(Duration.ofSeconds(30)).until(() -> feed(client).size() == 1);
        JsonNode first = feed(client).get(0);
        Instant sentAt = Instant.parse(first.get("sentAt").asText());

        // a page read the feed before this message was sent, and opens its stream only now
        List<String> behind = stream(client, "?since=" + sentAt.minusMillis(1), null);
        // a page that has it; and a reconnecting EventSource, whose Last-Event-ID wins over the page's older time
        List<String> upToDate = stream(client, "?since=" + sentAt, null);
        List<String> reconnected = stream(client, "?since=" + sentAt.minusSeconds(60), first.get("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> behind.contains("id:" + first.get("id").asText())
                && upToDate.contains(":connected") && reconnected.contains(":connected"));

        riverside.book(SessionId.random(), client, "Follow-up", CLOCK.instant().plus(Duration.ofDays(11)));
        await().atMost(Duration.ofSeconds(30)).until(() -> feed(client).size() == 2);
        String second = "id:" + feed(client).get(0).get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> behind.contains(second) && upToDate.contains(second)
                && reconnected.contains(second));
        assertThat(upToDate).doesNotContain("id:" + first.get("id").asText());
        assertThat(reconnected).doesNotContain("id:" + first.get("id").asText());

        ApiClient.Response badPosition = api().get(TestTokens.client(client.toString()),
                "/clients/" + client + "/notifications/stream?since=yesterday");
        assertThat(badPosition.status()).isEqualTo(400);
        assertThat(badPosition.invalidField()).isEqualTo("since");
    }

    private JsonNode feed(ClientId client) {
        return ApiClient.expect(200, api().get(TestTokens.client(client.toString()), "/clients/" + client + "/notifications"))
                .body();
    }

    /** Opens the client's live feed and collects its lines; the test's end closes it. */
    private List<String> stream(ClientId client, String query, String lastEventId) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/clients/" + client + "/notifications/stream" + query))
                .header("Authorization", "Bearer " + TestTokens.client(client.toString()))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        open.add(streams.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines))));
        return lines;
    }

    @Test
    void bad_preferences_are_refused_naming_the_field_and_change_nothing() {
        Practice riverside = new Practice("Riverside Clinic");
        ClientId client = riverside.client("Rae Stone", NotificationFlowTest.address("rae"), null, Channel.EMAIL);
        awaitRecipient(client);
        String token = TestTokens.client(client.toString());
        String path = "/clients/" + client + "/notification-preferences";
        JsonNode before = ApiClient.expect(200, api().get(token, path)).body();
        assertThat(before.get("quietHours").get("from").asText()).isEqualTo("21:00:00");
        assertThat(before.get("language").asText()).isEqualTo("en");

        assertThat(ApiClient.expect(400, api().put(token, path, Map.of("channels", Map.of(), "nonEssential", true,
                "quietHours", Map.of("from", "25:00", "until", "07:00"), "language", "en"))).invalidField())
                .isEqualTo("quietHours.from");
        assertThat(ApiClient.expect(400, api().put(token, path, Map.of("channels", Map.of(), "nonEssential", true,
                "quietHours", Map.of("from", "22:00", "until", "07:00"), "language", "English"))).invalidField())
                .isEqualTo("language");
        assertThat(ApiClient.expect(400, api().put(token, path, Map.of("channels", Map.of("REMINDER", "PIGEON"),
                "nonEssential", true, "quietHours", Map.of("from", "22:00", "until", "07:00"), "language", "en")))
                .invalidField()).startsWith("channels");
        ApiClient.Response noPhone = ApiClient.expect(409, api().put(token, path, Map.of("channels",
                Map.of("REMINDER", "SMS"), "nonEssential", true, "quietHours", Map.of("from", "22:00", "until", "07:00"),
                "language", "en")));
        assertThat(noPhone.text("rule")).isEqualTo("sms-needs-a-phone-number");
        ApiClient.expect(403, api().put(TestTokens.client(ClientId.random().toString()), path, before));

        assertThat(ApiClient.expect(200, api().get(token, path)).body()).isEqualTo(before);
    }

    @Test
    void a_client_who_opts_out_of_non_essential_messages_still_gets_the_essential_ones_on_the_channel_chosen() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = NotificationFlowTest.address("dee");
        ClientId client = riverside.client("Dee Moss", email, null, Channel.EMAIL);
        awaitRecipient(client);
        ApiClient.expect(200, api().put(TestTokens.client(client.toString()),
                "/clients/" + client + "/notification-preferences", Map.of("channels", Map.of("CONFIRMATION", "IN_APP"),
                        "nonEssential", false, "quietHours", Map.of("from", "22:00", "until", "07:00"), "language", "en")));
        SessionId session = SessionId.random();
        riverside.book(session, client, "Follow-up treatment", CLOCK.instant().plus(Duration.ofDays(2)));

        Map<String, Object> confirmation = awaitStatus(client.value(), "CONFIRMATION", "SENT");
        assertThat(confirmation.get("channel")).isEqualTo("IN_APP");
        Map<String, Object> reminder = awaitNotification(client.value(), "REMINDER");
        CLOCK.set(((java.sql.Timestamp) reminder.get("due_at")).toInstant().plusSeconds(1));
        assertThat(awaitStatus(client.value(), "REMINDER", "SKIPPED").get("last_error"))
                .isEqualTo("the client does not want this kind of message");
        riverside.cancel(session, io.soleus.kernel.value.CancelledBy.CLINIC, false, "The therapist is ill");
        awaitStatus(client.value(), "CANCELLATION", "SENT");
        await().atMost(Duration.ofSeconds(10)).until(() -> Mailbox.to(email).size() == 1);
        assertThat(Mailbox.to(email).get(0).text()).contains("we had to cancel your session")
                .contains("The reason: The therapist is ill");
    }

    @Test
    void a_reminder_goes_by_the_channel_the_client_chose_after_it_was_planned() {
        Practice riverside = new Practice("Riverside Clinic");
        String phone = "+44 7700 8" + (100000 + (int) (Math.random() * 899999));
        ClientId client = riverside.client("Val Brook", NotificationFlowTest.address("val"), phone, Channel.EMAIL);
        awaitRecipient(client);
        java.time.Instant start = CLOCK.instant().atZone(java.time.ZoneId.of("Europe/London")).toLocalDate().plusDays(3)
                .atTime(14, 0).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
        riverside.book(SessionId.random(), client, "Sports massage", start);
        Map<String, Object> planned = awaitNotification(client.value(), "REMINDER");
        assertThat(planned.get("channel")).isEqualTo("EMAIL");

        ApiClient.expect(200, api().put(TestTokens.admin(), "/clients/" + client + "/notification-preferences",
                Map.of("channels", Map.of("REMINDER", "SMS"), "nonEssential", true,
                        "quietHours", Map.of("from", "22:00", "until", "07:00"), "language", "en")));
        CLOCK.set(start.minus(Duration.ofHours(24)).plusSeconds(1));

        Map<String, Object> sent = awaitStatus(client.value(), "REMINDER", "SENT");
        assertThat(sent.get("channel")).isEqualTo("SMS");
        assertThat(SmsProvider.to(phone)).extracting(request -> request.getBodyAsString())
                .anySatisfy(body -> assertThat(body).contains("Reminder: Sports massage"));
    }

    @Test
    void clinic_settings_are_read_by_its_staff_changed_by_admins_and_refused_naming_the_field() {
        Practice riverside = new Practice("Riverside Clinic");
        String path = "/clinics/" + riverside.clinic + "/notification-settings";
        JsonNode defaults = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get(TestTokens.admin(), path), response -> response.status() == 200).body();
        assertThat(defaults.get("reminder").get("before").asText()).isEqualTo("PT24H");
        assertThat(defaults.get("lastReminder").get("channel").asText()).isEqualTo("SMS");

        ApiClient.expect(200, api().get(TestTokens.therapist("t", riverside.clinic.toString()), path));
        ApiClient.expect(403, api().get(TestTokens.therapist("t", io.soleus.kernel.id.ClinicId.random().toString()), path));
        ApiClient.expect(403, api().put(TestTokens.therapist("t", riverside.clinic.toString()), path, defaults));
        ApiClient.expect(403, api().get(TestTokens.client(ClientId.random().toString()), path));
        assertThat(ApiClient.expect(400, api().put(TestTokens.admin(), path, Map.of(
                "reminder", Map.of("before", "PT5M", "channel", "EMAIL"), "checkInAfter", "P3D"))).invalidField())
                .isEqualTo("reminder.before");
        assertThat(ApiClient.expect(400, api().put(TestTokens.admin(), path, Map.of("checkInAfter", "P90D")))
                .invalidField()).isEqualTo("checkInAfter");
        assertThat(ApiClient.expect(400, api().put(TestTokens.admin(), path, Map.of(
                "reminder", Map.of("before", "PT24H", "channel", "PIGEON"), "checkInAfter", "P3D"))).invalidField())
                .startsWith("reminder.channel");
        assertThat(ApiClient.expect(200, api().get(TestTokens.admin(), path)).body()).isEqualTo(defaults);

        JsonNode changed = ApiClient.expect(200, api().put(TestTokens.admin(), path, Map.of(
                "reminder", Map.of("before", "PT48H", "channel", "SMS"), "checkInAfter", "P5D",
                "lateCancellationPolicy", "Late cancellations are charged in full."))).body();
        assertThat(changed.get("reminder").get("before").asText()).isEqualTo("PT48H");
        assertThat(changed.get("lastReminder").isNull()).isTrue();
        assertThat(changed.get("checkInAfter").asText()).isEqualTo("PT120H");
    }

    /** Collects the lines of an event stream as they arrive. */
    private record LineCollector(List<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    @Test
    void the_api_is_described_by_openapi_with_how_to_get_in() {
        ApiClient.Response docs = ApiClient.expect(200, api().get(null, "/v3/api-docs"));

        assertThat(docs.body().path("paths").has("/clients/{clientId}/notifications")).isTrue();
        ApiDescriptions.assertComplete("notifications-service", docs.body());
    }
}
