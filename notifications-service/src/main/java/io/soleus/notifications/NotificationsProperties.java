package io.soleus.notifications;

import java.time.Duration;
import java.time.LocalTime;

import io.soleus.kernel.value.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the notifications service ({@code soleus.notifications.*}); the README lists their env names. */
@ConfigurationProperties("soleus.notifications")
public class NotificationsProperties {

    /** Sender of every mail, e.g. {@code Soleus <no-reply@soleus.example>}. */
    private String mailFrom = "Soleus <no-reply@soleus.local>";

    private final Sms sms = new Sms();

    private final Retry retry = new Retry();

    /** What a clinic gets until an admin changes its settings. */
    private final ClinicDefaults clinicDefaults = new ClinicDefaults();

    /** Quiet hours of a client who has not chosen their own, in the clinic's time zone. */
    private LocalTime quietFrom = LocalTime.of(21, 0);
    private LocalTime quietUntil = LocalTime.of(8, 0);

    /** Messages about events older than this are not sent (a replay of old history tells no one anything). */
    private Duration freshness = Duration.ofDays(2);

    /** How long one server-sent-events connection of the feed stays open before the browser reconnects. */
    private Duration feedStreamTimeout = Duration.ofMinutes(30);

    /** Where clients open the web front end: a waitlist offer's message links to its page there. */
    private String webUrl = "http://localhost:8080";

    public static class Sms {
        /** Base URL of the SMS provider's HTTP API; messages are POSTed to {@code <base>/messages}. */
        private String baseUrl = "http://localhost:8089";
        /** Bearer token of the provider's API. */
        private String apiKey = "";
        private String sender = "Soleus";
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public String getSender() { return sender; }
        public void setSender(String sender) { this.sender = sender; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    }

    /** Transient failures (a 5xx, a timeout, an SMTP server that is down) are tried again with doubling waits. */
    public static class Retry {
        private int maxAttempts = 6;
        private Duration firstBackoff = Duration.ofSeconds(30);
        private Duration maxBackoff = Duration.ofHours(1);

        public Duration backoffAfter(int attempts) {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }

        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getFirstBackoff() { return firstBackoff; }
        public void setFirstBackoff(Duration firstBackoff) { this.firstBackoff = firstBackoff; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    }

    public static class ClinicDefaults {
        private Duration reminder = Duration.ofHours(24);
        private Channel reminderChannel = Channel.EMAIL;
        private Duration lastReminder = Duration.ofHours(2);
        private Channel lastReminderChannel = Channel.SMS;
        private Duration checkInAfter = Duration.ofDays(3);

        public Duration getReminder() { return reminder; }
        public void setReminder(Duration reminder) { this.reminder = reminder; }
        public Channel getReminderChannel() { return reminderChannel; }
        public void setReminderChannel(Channel reminderChannel) { this.reminderChannel = reminderChannel; }
        public Duration getLastReminder() { return lastReminder; }
        public void setLastReminder(Duration lastReminder) { this.lastReminder = lastReminder; }
        public Channel getLastReminderChannel() { return lastReminderChannel; }
        public void setLastReminderChannel(Channel lastReminderChannel) { this.lastReminderChannel = lastReminderChannel; }
        public Duration getCheckInAfter() { return checkInAfter; }
        public void setCheckInAfter(Duration checkInAfter) { this.checkInAfter = checkInAfter; }
    }

    public String getMailFrom() { return mailFrom; }
    public void setMailFrom(String mailFrom) { this.mailFrom = mailFrom; }
    public Sms getSms() { return sms; }
    public Retry getRetry() { return retry; }
    public ClinicDefaults getClinicDefaults() { return clinicDefaults; }
    public LocalTime getQuietFrom() { return quietFrom; }
    public void setQuietFrom(LocalTime quietFrom) { this.quietFrom = quietFrom; }
    public LocalTime getQuietUntil() { return quietUntil; }
    public void setQuietUntil(LocalTime quietUntil) { this.quietUntil = quietUntil; }
    public Duration getFreshness() { return freshness; }
    public void setFreshness(Duration freshness) { this.freshness = freshness; }
    public Duration getFeedStreamTimeout() { return feedStreamTimeout; }
    public String getWebUrl() { return webUrl; }
    public void setWebUrl(String webUrl) { this.webUrl = webUrl; }
    public void setFeedStreamTimeout(Duration feedStreamTimeout) { this.feedStreamTimeout = feedStreamTimeout; }
}
