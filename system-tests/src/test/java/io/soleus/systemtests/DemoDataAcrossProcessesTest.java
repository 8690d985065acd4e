package io.soleus.systemtests;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data that {@code deploy/run-local.sh} writes, written the same way into a platform of
 * separate processes: every dashboard then shows it with a story worth looking at, and the reference
 * case reads as DOMAIN.md tells it. The platform is the browser journeys' ({@link WebPlatform}), run
 * before: what the demo data wrote is told apart by its clinics and therapists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(4)
class DemoDataAcrossProcessesTest {

    private RunningPlatform platform;

    @BeforeAll
    void start() {
        platform = WebPlatform.get();
    }

    @AfterAll
    void stop() {
        WebPlatform.stop();
    }

    @Test
    void the_demo_data_fills_every_dashboard_with_a_story_and_tells_the_reference_case() {
        DemoData.Written written = platform.processes.writeDemoData();
        assertThat(written.sessions()).isGreaterThan(150);
        assertThat(written.noShows()).isPositive();
        assertThat(written.lateCancellations()).isPositive();
        assertThat(written.upcoming()).as("courses still going, with sessions booked ahead").isPositive();

        Set<String> clinics = written.therapists().stream().flatMap(therapist -> therapist.clinics().stream())
                .collect(Collectors.toSet());
        Set<String> therapists = written.therapists().stream().map(DemoData.Therapist::id).collect(Collectors.toSet());
        assertThat(clinics).hasSize(3);
        JsonNode demoClinics = platform.get("booking", platform.admin, "/clinics");
        assertThat(demoClinics.findValuesAsText("clinicId")).containsAll(clinics);
        // each clinic's online booking rules differ, for the admin's clinics page to show
        Map<String, JsonNode> rules = new java.util.HashMap<>();
        demoClinics.forEach(clinic -> rules.put(clinic.path("name").asText(), clinic.path("bookingRules")));
        assertThat(rules.get("Kingston Soft Tissue Clinic").path("minimumNotice").asText()).isEqualTo("PT12H");
        assertThat(rules.get("Kingston Soft Tissue Clinic").path("sameDayOnline").asBoolean()).isFalse();
        assertThat(rules.get("Twickenham Soft Tissue Clinic").path("newClientsOnline").asBoolean()).isFalse();
        assertThat(rules.get("Richmond Soft Tissue Clinic").path("minimumNotice").asText()).isEqualTo("PT1H");
        // and two clients wait at Kingston, the one who needs it sooner first
        Map<String, String> clinicIds = new java.util.HashMap<>();
        demoClinics.forEach(clinic -> clinicIds.put(clinic.path("name").asText(), clinic.path("clinicId").asText()));
        String kingston = clinicIds.get("Kingston Soft Tissue Clinic");
        JsonNode waiting = within(Duration.ofMinutes(1)).until(() -> platform.get("booking", platform.admin,
                "/clinics/" + kingston + "/waitlist"), list -> list.size() == 2);
        assertThat(waiting.findValuesAsText("urgency")).containsExactly("SOON", "ROUTINE");
        // on a weekday, today's first new client has a course of weekly follow-ups booked by the desk
        if (written.newcomersToday() > 0) {
            assertThat(written.summary()).anyMatch(line -> line.matches(".+: a course of [1-4] weekly follow-ups from next week"));
        }
        assertThat(therapists).hasSize(6);
        assertThat(platform.get("booking", platform.admin, "/therapists").findValuesAsText("therapistId")).containsAll(therapists);

        // treatment reads the sessions from booking's topic: the operations report adds up to what was written
        within(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode operations = rows(platform.get("treatment", platform.admin, "/reports/operations?by=clinic"), clinics);
            assertThat(operations).hasSize(3);
            assertThat(sum(operations, "sessions")).isEqualTo(written.sessions());
            assertThat(sum(operations, "attended")).isEqualTo(written.attended());
            assertThat(sum(operations, "noShows")).isEqualTo(written.noShows());
            assertThat(sum(operations, "lateCancellations")).isEqualTo(written.lateCancellations());
        });

        // the outcome figures come from treatment's own events, read by its projection moments after they are written
        within(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode outcomes = rows(platform.get("treatment", platform.admin, "/reports/outcomes?by=clinic"), clinics);
            assertThat(outcomes).hasSize(3);
            assertThat(sum(outcomes, "cases")).isEqualTo(written.cases());
            assertThat(sum(outcomes, "open")).isEqualTo(written.openCases());
        });

        // every treated client answered the PSFS and the LEFS at her first session, and again after discharge
        within(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode function = rows(platform.get("treatment", platform.admin, "/reports/function?by=clinic"), clinics);
            assertThat(function.findValuesAsText("instrument")).contains("psfs", "lefs");
            assertThat(sum(function, "cases")).isEqualTo(2L * written.cases());
        });

        // a story in every chart: one therapist's clients do better than the rest, the clinics differ, not every case improves
        JsonNode byTherapist = rows(platform.get("treatment", platform.admin, "/reports/outcomes?by=therapist"), therapists);
        String ana = written.referenceTherapist().id();
        double anas = row(byTherapist, ana).path("meaningfulChangePercent").asDouble();
        for (JsonNode therapist : byTherapist) {
            if (!therapist.path("key").asText().equals(ana)) {
                assertThat(therapist.path("meaningfulChangePercent").asDouble()).as("Ana's clients do better").isLessThan(anas);
            }
        }
        JsonNode byClinic = rows(platform.get("treatment", platform.admin, "/reports/outcomes?by=clinic"), clinics);
        assertThat(byClinic.findValuesAsText("meaningfulChangePercent").stream().mapToDouble(Double::parseDouble).max().orElseThrow())
                .as("not every case reaches a meaningful change").isLessThan(100.0);
        assertThat(byClinic.findValuesAsText("meaningfulChangePercent").stream().distinct()).as("clinics differ").hasSizeGreaterThan(1);
        // one month of no-shows stands out
        JsonNode byMonth = platform.get("treatment", platform.admin, "/reports/operations?by=month");
        List<Double> noShowRates = new java.util.ArrayList<>();
        byMonth.forEach(month -> {
            if (month.path("sessions").asLong() >= 20) {
                noShowRates.add(month.path("noShows").asDouble() / month.path("sessions").asLong());
            }
        });
        assertThat(noShowRates.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isGreaterThan(2 * noShowRates.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        // and a busy clinic beside a quiet one
        LocalDate today = written.today();
        JsonNode utilisation = platform.get("booking", platform.admin, "/reports/utilisation?from=" + today.minusWeeks(12) + "&to=" + today);
        List<Double> busy = new java.util.ArrayList<>();
        utilisation.path("clinics").forEach(clinic -> {
            if (clinics.contains(clinic.path("id").asText())) {
                busy.add(clinic.path("percent").asDouble());
            }
        });
        assertThat(busy).hasSize(3);
        assertThat(busy.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isGreaterThan(2 * busy.stream().mapToDouble(Double::doubleValue).min().orElseThrow());

        // Riley Runner: 7, 5, 3, 2 over four sessions, discharged at 1 and back to running, a massage booked ahead
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
        JsonNode ahead = platform.get("booking", token, "/clients/" + written.referenceClient() + "/sessions").path("upcoming");
        assertThat(ahead.findValuesAsText("sessionType")).containsExactly("Sports massage");

        // and her record says who changed it and who opened it: her therapist before each session, an admin since
        String rileyToken = platform.token(written.referenceClient(), "CLIENT", List.of());
        JsonNode changes = within(Duration.ofMinutes(1)).until(() -> platform.get("treatment", rileyToken,
                "/clients/" + written.referenceClient() + "/audit"), trail -> trail.findValuesAsText("change").contains("CaseDischarged"));
        assertThat(changes.findValuesAsText("actor")).contains(therapist, written.referenceClient());
        assertThat(platform.get("booking", rileyToken, "/clients/" + written.referenceClient() + "/audit")
                .findValuesAsText("change")).contains("ClientRegistered", "SessionBooked", "SessionAttended");
        JsonNode reads = platform.get("treatment", platform.admin, "/clients/" + written.referenceClient() + "/record-access");
        assertThat(reads.findValuesAsText("reader")).contains(therapist, "admin-demo");
        assertThat(platform.get("treatment", rileyToken, "/clients/" + written.referenceClient() + "/record-access")
                .findValuesAsText("reader")).as("which admin it was is for admins").contains(therapist).doesNotContain("admin-demo");

        // a former client was forgotten at their request: erased in booking and in treatment, their case still counted
        assertThat(platform.get("booking", platform.admin, "/clients/" + written.forgottenClient()).path("name").asText())
                .isEqualTo("[erased]");
        JsonNode formerCases = within(Duration.ofMinutes(1)).until(() -> platform.get("treatment", platform.admin,
                "/clients/" + written.forgottenClient() + "/timeline"), timeline -> timeline.size() == 1
                && "[erased]".equals(timeline.get(0).path("complaint").asText()));
        assertThat(formerCases.get(0).path("clientName").asText()).isEqualTo("[erased]");
        assertThat(formerCases.get(0).path("painTrajectory").size()).as("the figures stay").isPositive();

        // every treated client answered the intake and consented before her first record: Riley did, without a flag
        JsonNode rileysFiles = within(Duration.ofMinutes(1)).until(() -> platform.get("treatment", platform.admin,
                "/clients/" + written.referenceClient() + "/intake"), files -> files.size() == 1);
        assertThat(rileysFiles.get(0).path("consented").asBoolean()).isTrue();
        assertThat(rileysFiles.get(0).path("intake").path("redFlag").asBoolean()).isFalse();

        // sign-ins are linked to the people they are: Riley has hers, a client registered at the desk none yet
        assertThat(platform.sendTo("identity", platform.admin, "GET", "/accounts/clients/" + written.referenceClient(), null,
                Map.of()).body().path("signedUp").asBoolean()).isTrue();
        assertThat(platform.sendTo("identity", platform.admin, "GET", "/accounts/clients/" + written.clientWithoutSignIn(),
                null, Map.of()).body().path("signedUp").asBoolean()).isFalse();

        // on a weekday, a new client's initial assessment waits for each therapist trying the demo to chart it
        boolean weekday = today.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
        assertThat(written.newcomersToday()).isEqualTo(weekday ? 6 : 0);
        if (weekday) {
            assertThat(written.summary()).anyMatch(line -> line.matches("today: .+'s intake raised a red flag \\(long travel\\).*"));
            JsonNode day = platform.get("booking", token, "/therapists/" + therapist + "/calendar?from=" + today + "&to=" + today);
            assertThat(day).anySatisfy(entry -> {
                assertThat(entry.path("sessionType").asText()).isEqualTo("Initial assessment");
                assertThat(entry.path("status").asText()).isEqualTo("BOOKED");
            });
        }
    }

    /** The report's rows of these keys (clinics, therapists): the demo data's, not the browser journeys'. */
    private static JsonNode rows(JsonNode report, Set<String> keys) {
        com.fasterxml.jackson.databind.node.ArrayNode rows = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        report.forEach(row -> {
            if (keys.contains(row.path("key").asText())) {
                rows.add(row);
            }
        });
        return rows;
    }

    private static JsonNode row(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.path("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }

    private static long sum(JsonNode rows, String field) {
        long sum = 0;
        for (JsonNode row : rows) {
            sum += row.path(field).asLong();
        }
        return sum;
    }
}
