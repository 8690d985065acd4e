package io.soleus.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.Channel;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.TopicWriter;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Booking confirmations from Kafka to the SMTP server: {@code count} sessions are booked on the
 * booking topic at once, and the notifications service plans each confirmation and mails it (HTML
 * and text, through a real in-JVM SMTP server). Prints the throughput from the first event to the
 * last mail recorded, and how long each took from being planned to being sent. Run it with
 * {@code bench/run.sh notifications [count]}.
 */
public final class NotificationBenchmark {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        ConfigurableApplicationContext service = Services.notifications("notifications_bench", Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", smtp.getSmtp().getPort(),
                "db-scheduler.polling-interval", "PT0.5S"));
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        try (TopicWriter booking = new TopicWriter("/booking-service")) {
            ClinicId clinic = ClinicId.random();
            booking.publish("Clinic", clinic.toString(), new ClinicOpened(clinic, "Riverside Clinic",
                    "12 River Walk, Kingston KT1 1AA", "Europe/London", Duration.ofHours(24)));
            List<ClientId> clients = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ClientId client = ClientId.random();
                clients.add(client);
                booking.publish("Client", client.toString(), new ClientRegistered(client, "Client " + i,
                        "client" + i + "@example.org", null, Channel.EMAIL, false, "en", Instant.now()));
            }
            await().atMost(Duration.ofMinutes(5)).until(() -> jdbc.queryForObject("SELECT count(*) FROM recipient",
                    Long.class) == count);

            TherapistId therapist = TherapistId.random();
            RoomId room = RoomId.random();
            Instant start = Instant.now().plus(Duration.ofDays(7));
            long began = System.nanoTime();
            for (ClientId client : clients) {
                SessionId session = SessionId.random();
                booking.publish("Session", session.toString(), new SessionBooked(session, client, therapist, "Maya Lindqvist", clinic,
                        room, SessionTypeId.random(), "Sports massage",
                        new TimeSlot(start, start.plus(Duration.ofHours(1))), "Europe/London", Instant.now()));
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM notification WHERE kind = 'CONFIRMATION' AND status = 'SENT'",
                            Long.class) == count);
            double seconds = (System.nanoTime() - began) / 1e9;

            Histogram planToSent = new Histogram(3);
            jdbc.query("SELECT created_at, sent_at FROM notification WHERE kind = 'CONFIRMATION'", row -> {
                planToSent.recordValue(Duration.between(row.getObject(1, OffsetDateTime.class),
                        row.getObject(2, OffsetDateTime.class)).toMillis());
            });
            System.out.printf("%d confirmations from %d events on Kafka: %.1f s, %.0f mails/s%n", count, count, seconds,
                    count / seconds);
            System.out.printf("planned -> sent (ms): p50 %d, p90 %d, p99 %d, max %d%n",
                    planToSent.getValueAtPercentile(50), planToSent.getValueAtPercentile(90),
                    planToSent.getValueAtPercentile(99), planToSent.getMaxValue());
            System.out.printf("mails received by the SMTP server: %d%n", smtp.getReceivedMessages().length);
        } finally {
            service.close();
            smtp.stop();
            SoleusInfrastructure.get().close();
        }
    }
}
