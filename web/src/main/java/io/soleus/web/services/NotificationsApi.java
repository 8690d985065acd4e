package io.soleus.web.services;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The notifications service as the pages use it: a client's feed and preferences, the admins' delivery log. */
@Component
public class NotificationsApi {

    public record FeedItem(UUID id, String kind, String channel, String title, String text, Instant sentAt) {
    }

    public record QuietHours(LocalTime from, LocalTime until) {
    }

    public record Preferences(Map<String, String> channels, boolean nonEssential, QuietHours quietHours, String language) {
    }

    public record Delivery(UUID id, String kind, String channel, String status, UUID clientId, UUID clinicId, UUID sessionId,
                           UUID caseId, int attempts, String providerId, String lastError, Instant createdAt, Instant dueAt,
                           Instant lastAttemptAt, Instant sentAt) {
    }

    private final ServiceClient notifications;

    NotificationsApi(Services services) {
        this.notifications = services.notifications();
    }

    public List<FeedItem> feed(UUID clientId, int limit) {
        return notifications.get(new ParameterizedTypeReference<>() { }, "/clients/{id}/notifications?limit={limit}",
                clientId, limit);
    }

    public Preferences preferences(UUID clientId) {
        return notifications.get(Preferences.class, "/clients/{id}/notification-preferences", clientId);
    }

    public void changePreferences(UUID clientId, Preferences preferences) {
        notifications.put(preferences, "/clients/{id}/notification-preferences", clientId);
    }

    public List<Delivery> deliveries(Map<String, String> filter, int limit) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/deliveries").queryParam("limit", limit);
        filter.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, value);
            }
        });
        return notifications.get(new ParameterizedTypeReference<>() { }, uri.encode().build().toUriString());
    }

    public List<Delivery> deadLetters() {
        return notifications.get(new ParameterizedTypeReference<>() { }, "/admin/deliveries/dead-letters?limit=200");
    }

    public Map<String, Long> summary() {
        return notifications.get(new ParameterizedTypeReference<>() { }, "/admin/deliveries/summary");
    }

    public void retry(UUID notificationId) {
        notifications.post(null, "/admin/deliveries/{id}/retry", notificationId);
    }
}
