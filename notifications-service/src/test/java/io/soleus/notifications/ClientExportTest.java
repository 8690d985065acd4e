package io.soleus.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.Test;

/** Notifications' part of a client's export: how they are reached, their choices, every message and how it went. */
class ClientExportTest extends NotificationsServiceTest {

    @Test
    void a_client_exports_their_address_choices_and_every_message() {
        Practice riverside = new Practice("Riverside Clinic");
        String address = NotificationFlowTest.address("robin-export");
        ClientId robin = riverside.client("Robin Exporter", address, null, Channel.EMAIL);
        awaitRecipient(robin);
        Instant start = CLOCK.instant().plus(Duration.ofDays(4)).atZone(ZoneId.of("Europe/London")).withHour(10)
                .withMinute(0).toInstant();
        riverside.book(SessionId.random(), robin, "Follow-up treatment", start);
        awaitStatus(robin.value(), "CONFIRMATION", "SENT");
        awaitStatus(robin.value(), "REMINDER", "SCHEDULED");

        JsonNode export = ApiClient.expect(200, api().get(TestTokens.client(robin.toString()),
                "/clients/" + robin + "/export")).body();

        assertThat(export.path("recipient").path("name").asText()).isEqualTo("Robin Exporter");
        assertThat(export.path("recipient").path("email").asText()).isEqualTo(address);
        assertThat(export.path("messages").findValuesAsText("kind")).contains("CONFIRMATION", "REMINDER");
        assertThat(export.path("messages").findValuesAsText("status")).contains("SENT", "SCHEDULED");
        assertThat(ApiClient.expect(200, api().get(TestTokens.admin(), "/clients/" + robin + "/export")).body()
                .path("messages")).hasSize(export.path("messages").size());
        assertThat(api().get(TestTokens.client(ClientId.random().toString()), "/clients/" + robin + "/export").status())
                .isEqualTo(403);
    }
}
