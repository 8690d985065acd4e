package io.soleus.notifications;

import static java.util.Map.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.AccessMatrix;
import io.soleus.platform.test.AccessMatrix.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifications service's endpoint-by-actor matrix: every endpoint of its API description, called
 * by nobody, client A, client B, a therapist of clinic X, a therapist of clinic Y and an admin, on A's
 * messages and clinic X's settings. A client's messages and preferences are theirs and admins'; a
 * clinic's settings are read by its staff; the delivery log is for admins. B and Y never see A's
 * name, address or messages.
 */
class AccessMatrixTest extends NotificationsServiceTest {

    static final Map<String, String> WHO_MAY = Map.ofEntries(
            entry("GET /clients/{clientId}/notifications", "A @"),
            entry("GET /clients/{clientId}/notifications/stream", "A @"),
            entry("GET /clients/{clientId}/notification-preferences", "A @"),
            entry("GET /clients/{clientId}/export", "A @"),
            entry("PUT /clients/{clientId}/notification-preferences", "A @"),
            entry("GET /clinics/{clinicId}/notification-settings", "X @"),
            entry("PUT /clinics/{clinicId}/notification-settings", "@"),
            entry("GET /admin/deliveries", "@"),
            entry("GET /admin/deliveries/summary", "@"),
            entry("GET /admin/deliveries/dead-letters", "@"),
            entry("GET /admin/deliveries/{id}", "@"),
            entry("POST /admin/deliveries/{id}/retry", "@"),
            entry("GET /admin/dead-letters/{processingGroup}", "@"),
            entry("POST /admin/dead-letters/{processingGroup}/retry", "@"));

    Scope scope;

    @BeforeEach
    void aMessageForClientAAtClinicX() {
        Practice clinicX = new Practice("Riverside Clinic");
        Practice clinicY = new Practice("Hillside Clinic");
        String emailOfA = NotificationFlowTest.address("ada.achterberg");
        ClientId clientA = clinicX.client("Ada Achterberg", emailOfA, null, Channel.EMAIL);
        ClientId clientB = clinicY.client("Bo Bergström", NotificationFlowTest.address("bo"), null, Channel.EMAIL);
        awaitRecipient(clientA);
        awaitRecipient(clientB);
        clinicX.book(SessionId.random(), clientA, "Initial assessment", CLOCK.instant().plus(Duration.ofDays(4)));
        clinicY.book(SessionId.random(), clientB, "Initial assessment", CLOCK.instant().plus(Duration.ofDays(4)));
        String delivery = awaitNotification(clientA.value(), "CONFIRMATION").get("notification_id").toString();

        scope = new Scope(
                Map.of("clientId", clientA.toString(), "clinicId", clinicX.clinic.toString(), "id", delivery,
                        "processingGroup", "notifications"),
                Map.of(),
                AccessMatrix.tokens(clientA.toString(), clientB.toString(), clinicX.therapist.toString(),
                        clinicX.clinic.toString(), clinicY.therapist.toString(), clinicY.clinic.toString()),
                Map.of("PUT /clients/{clientId}/notification-preferences", Map.of("channels", Map.of("REMINDER", "EMAIL"),
                                "nonEssential", true, "quietHours", Map.of("from", "22:00", "until", "07:00"),
                                "language", "en"),
                        "PUT /clinics/{clinicId}/notification-settings", Map.of(
                                "reminder", Map.of("before", "PT24H", "channel", "EMAIL"),
                                "lastReminder", Map.of("before", "PT2H", "channel", "SMS"), "checkInAfter", "P3D")),
                List.of("Ada Achterberg", emailOfA));
    }

    @Test
    void each_endpoint_answers_each_actor_as_the_table_says_and_never_shows_b_or_y_what_is_as() {
        AccessMatrix.check(api(), api().get(null, "/v3/api-docs").body(), WHO_MAY, scope);
    }

    @Test
    void forged_expired_unsigned_and_foreign_tokens_are_refused_everywhere() {
        AccessMatrix.checkBadTokens(api(), api().get(null, "/v3/api-docs").body(), scope.pathIds());
    }
}
