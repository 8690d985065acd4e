package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboards' live stream: an admin connected to {@code /reports/stream} hears {@code changed}
 * moments after a session is attended and assessed; a client may not listen; and a filter that
 * makes no sense is a 400 naming its field.
 */
@TreatmentServiceTest
class LiveReportsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.set(TreatmentServiceTest.NOW);
    }

    @Test
    void an_admin_listening_hears_that_the_figures_changed_when_a_session_is_assessed() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/reports/stream"))
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "report-stream-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":connected"));

        try (Practice practice = new Practice(port, jdbc)) {
            String caseId = practice.openCase();
            Instant start = TreatmentServiceTest.NOW.plus(Duration.ofHours(1));
            clock.set(start.plus(Duration.ofMinutes(50)));
            SessionId session = practice.sessionBooked(start);
            practice.attended(session, start.plus(Duration.ofMinutes(45)));
            practice.awaitSession(session, "ATTENDED");
            lines.clear();

            expect(201, practice.assess(caseId, session, 6));

            await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event:changed"));
        } finally {
            stream.body().close();
        }
    }

    @Test
    void clients_may_not_listen_and_a_filter_that_makes_no_sense_is_refused() {
        try (Practice practice = new Practice(port, jdbc)) {
            assertThat(practice.api.get(practice.runnerToken(), "/reports/stream").status()).isEqualTo(403);
            Response backwards = practice.api.get(TestTokens.admin(), "/reports/outcomes?by=clinic&from=2026-12-01&to=2026-11-01");
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(backwards.invalidField()).isEqualTo("to");
            Response technique = practice.api.get(TestTokens.admin(), "/reports/cases?technique=cupping");
            assertThat(technique.status()).isEqualTo(400);
            assertThat(technique.invalidField()).isEqualTo("technique");
            Response month = practice.api.get(TestTokens.admin(), "/reports/pain-course?month=November");
            assertThat(month.status()).isEqualTo(400);
            assertThat(month.invalidField()).isEqualTo("month");
        }
    }
}
