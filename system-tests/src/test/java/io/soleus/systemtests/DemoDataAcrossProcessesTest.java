package io.soleus.systemtests;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data that {@code deploy/run-local.sh} writes, written the same way into a platform of
 * separate processes: every dashboard then shows it, by clinic, and the reference case reads as
 * DOMAIN.md tells it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataAcrossProcessesTest {

    private RunningPlatform platform;

    @BeforeAll
    void start() {
        platform = RunningPlatform.start("demo-data");
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void the_demo_data_fills_every_dashboard_by_clinic_and_tells_the_reference_case() {
        DemoData.Written written = platform.processes.writeDemoData();
        assertThat(written.sessions()).isEqualTo(120);
        assertThat(written.noShows()).isPositive();
        assertThat(written.lateCancellations()).isPositive();

        assertThat(platform.get("booking", platform.admin, "/clinics")).hasSize(3);
        assertThat(platform.get("booking", platform.admin, "/therapists")).hasSize(6);

        // treatment reads the sessions from booking's topic: the operations report adds up to what was written
        within(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode operations = platform.get("treatment", platform.admin, "/reports/operations?by=clinic");
            assertThat(operations).hasSize(3);
            assertThat(sum(operations, "sessions")).isEqualTo(written.sessions());
            assertThat(sum(operations, "attended")).isEqualTo(written.attended());
            assertThat(sum(operations, "noShows")).isEqualTo(written.noShows());
            assertThat(sum(operations, "lateCancellations")).isEqualTo(written.lateCancellations());
        });

        // the outcome figures come from treatment's own events, read by its projection moments after they are written
        within(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode outcomes = platform.get("treatment", platform.admin, "/reports/outcomes?by=clinic");
            assertThat(outcomes).hasSize(3);
            assertThat(sum(outcomes, "cases")).isEqualTo(written.cases());
            for (JsonNode clinic : outcomes) {
                assertThat(clinic.path("meanPainChange").asDouble()).as("pain falls at " + clinic.path("key")).isPositive();
                assertThat(clinic.path("adherencePercent").asDouble()).isBetween(50.0, 100.0);
            }
        });

        // Riley Runner: 7, 5, 3, 2 over four sessions, discharged at 1 and back to running
        String therapist = written.referenceTherapist().id();
        String token = platform.token(therapist, "THERAPIST", written.referenceTherapist().clinics());
        JsonNode riley = within(Duration.ofMinutes(1)).until(() -> platform.get("treatment", token,
                "/clients/" + written.referenceClient() + "/timeline"), timeline -> timeline.size() == 1
                && !timeline.get(0).path("discharge").isMissingNode() && !timeline.get(0).path("discharge").isNull())
                .get(0);
        List<Integer> pain = riley.path("painTrajectory").findValues("pain").stream().map(JsonNode::asInt).toList();
        assertThat(pain).containsExactly(7, 5, 3, 2);
        assertThat(riley.path("meaningfulChange").path("reached").asBoolean()).isTrue();
        assertThat(riley.path("discharge").path("finalPain").asInt()).isEqualTo(1);
        assertThat(riley.path("discharge").path("backToActivity").asBoolean()).isTrue();
        assertThat(riley.path("plan").path("exercises")).hasSize(4);
    }

    private static long sum(JsonNode rows, String field) {
        long sum = 0;
        for (JsonNode row : rows) {
            sum += row.path(field).asLong();
        }
        return sum;
    }
}
