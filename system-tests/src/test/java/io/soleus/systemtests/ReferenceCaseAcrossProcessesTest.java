package io.soleus.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.LocalPlatform;
import io.soleus.deploy.local.PlatformHttp;
import io.soleus.deploy.local.PlatformHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as it runs: a Kafka broker, the three services and an SMTP server, each its own
 * process, talking only through Kafka; driven through the public APIs. The reference case is booked,
 * reminded, attended, assessed, treated and given its plan, with the mails arriving; then the
 * notifications service is killed (SIGKILL) while bookings go on, restarted, and every mail arrives
 * exactly once. Last the broker is killed and started again: a session booked meanwhile reaches
 * the notifications and treatment services once it is back, once. With a second instance of every
 * service, a race for one slot across both booking instances has one winner, and its confirmation
 * goes out once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceCaseAcrossProcessesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final PlatformHttp http = new PlatformHttp();
    private LocalPlatform platform;
    private String admin;
    private volatile boolean twoInstances;

    @BeforeAll
    void start() {
        Path root = Path.of("").toAbsolutePath().getParent();
        platform = LocalPlatform.forSystemTests(root, root.resolve("system-tests/target/platform"));
        platform.start();
        admin = platform.token("admin-system-test", List.of("ADMIN"), List.of());
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void the_reference_case_gets_its_mails_and_reports_and_a_killed_notifications_service_sends_none_twice() {
        LocalDate monday = LocalDate.now(LONDON).plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        setClocks(monday.atTime(7, 0).atZone(LONDON).toInstant());
        String clinic = post("booking", admin, "/clinics", Map.of("name", "Riverside Clinic", "address",
                "12 River Walk, Kingston", "timeZone", "Europe/London", "openingHours", hours("07:00", "19:00"),
                "rooms", List.of(Map.of("name", "Room 1")))).path("clinicId").asText();
        String therapist = post("booking", admin, "/therapists", Map.of("name", "Maya Therapist",
                "clinics", List.of(clinic))).path("therapistId").asText();
        put("booking", admin, "/therapists/" + therapist + "/availability/" + clinic, hours("08:00", "18:00"));
        String followUp = post("booking", admin, "/session-types", Map.of("name", "Follow-up treatment",
                "durationMinutes", 45, "bufferMinutes", 15, "therapists", List.of(therapist))).path("sessionTypeId").asText();
        String email = "riley-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String riley = post("booking", admin, "/clients", Map.of("name", "Riley Runner", "email", email,
                "preferredChannel", "EMAIL", "remindersConsent", true)).path("clientId").asText();
        String maya = platform.token(therapist, List.of("THERAPIST"), List.of(clinic));

        // booked on Monday for Tuesday 09:00: the confirmation now, the reminder on Monday at 09:00
        Instant tuesday = monday.plusDays(1).atTime(9, 0).atZone(LONDON).toInstant();
        String session = book(riley, therapist, clinic, followUp, tuesday);
        awaitMail(email, "Your Follow-up treatment at Riverside Clinic is booked");
        setClocks(tuesday.minus(Duration.ofHours(24)).plusSeconds(60));
        awaitMail(email, "Reminder: your Follow-up treatment on Tuesday");

        // the session takes place; treatment hears of it over Kafka and keeps the record
        setClocks(tuesday.plus(Duration.ofMinutes(40)));
        post("booking", admin, "/sessions/" + session + "/attended", Map.of());
        String caseId = post("treatment", maya, "/cases", Map.of("clientId", riley, "clinicId", clinic,
                "complaint", "Deep ache in the lower left calf after runs",
                "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"),
                "side", "LEFT", "contributingFactors", List.of("OVERUSE"))).path("caseId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> send("treatment", maya, "POST", "/cases/" + caseId
                + "/assessments", Map.of("sessionId", session, "pain", 7, "triggerPoints", List.of(Map.of("site",
                Map.of("muscle", "soleus", "side", "LEFT", "region", "lower-medial"), "severity", "SEVERE")),
                "tightness", "SEVERE", "notes", "Very tight soleus")).status() == 201);
        post("treatment", maya, "/cases/" + caseId + "/myofascial-releases", Map.of("sessionId", session,
                "region", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower calf"), "minutes", 12,
                "response", "RELEASED"));
        put("treatment", maya, "/cases/" + caseId + "/plan", Map.of("exercises", List.of(
                Map.of("exerciseId", exercise("bent-knee-calf-raises"),
                        "dose", Map.of("sets", 3, "reps", 15, "times", 2, "per", "DAY", "weeks", 6)),
                Map.of("exerciseId", exercise("soleus-wall-stretch"),
                        "dose", Map.of("sets", 3, "holdSeconds", 30, "times", 2, "per", "DAY", "weeks", 6)))));
        String plan = awaitMail(email, "Your aftercare plan");
        // the raw mail as the SMTP server received it: its text part lists the exercises line by line
        assertThat(plan).contains("Bent-knee calf raises").contains("Soleus wall stretch");
        JsonNode outcome = get("treatment", maya, "/cases/" + caseId);
        assertThat(outcome.path("baselinePain").asInt()).isEqualTo(7);

        // the notifications service dies without a word while three more sessions are booked
        platform.kill("notifications-service");
        List<Instant> later = new ArrayList<>();
        for (int week = 1; week <= 3; week++) {
            Instant start = tuesday.plus(Duration.ofDays(7L * week));
            later.add(start);
            book(riley, therapist, clinic, followUp, start);
        }
        platform.restart("notifications-service");
        // a restarted service's development clock starts at the real time again
        setClocks(tuesday.plus(Duration.ofMinutes(45)));
        await().atMost(Duration.ofSeconds(90)).until(() -> subjects(email).stream()
                .filter(subject -> subject.endsWith("is booked")).count() == 4);

        // every mail once: four confirmations, one reminder, one plan (later reminders are not yet due)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> subjects(email).size() == 6);
        assertThat(subjects(email).stream().filter(subject -> subject.endsWith("is booked"))).hasSize(4);
        assertThat(subjects(email).stream().filter(subject -> subject.startsWith("Reminder"))).hasSize(1);
        assertThat(subjects(email).stream().filter(subject -> subject.equals("Your aftercare plan"))).hasSize(1);

        // the broker dies; a session booked meanwhile waits in booking's event store and goes out when it is back
        platform.kill("kafka");
        book(riley, therapist, clinic, followUp, tuesday.plus(Duration.ofDays(28)));
        platform.restartKafka();
        await().atMost(Duration.ofSeconds(120)).until(() -> subjects(email).stream()
                .filter(subject -> subject.endsWith("is booked")).count() == 5);
        await().atMost(Duration.ofSeconds(60)).until(() -> sessionsAt(clinic) == 5);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> subjects(email).size() == 7);
    }

    @Test
    void with_two_instances_of_every_service_a_race_for_one_slot_has_one_winner_whose_confirmation_goes_out_once()
            throws Exception {
        platform.startSecondInstances();
        twoInstances = true;
        setClocks(Instant.now().isAfter(clock()) ? Instant.now() : clock());
        String clinic = post("booking", admin, "/clinics", Map.of("name", "Hillside Clinic", "address", "3 Hill Road",
                "timeZone", "Europe/London", "openingHours", hours("07:00", "19:00"),
                "rooms", List.of(Map.of("name", "Room 1")))).path("clinicId").asText();
        String therapist = post("booking", admin, "/therapists", Map.of("name", "Jo Therapist",
                "clinics", List.of(clinic))).path("therapistId").asText();
        put("booking", admin, "/therapists/" + therapist + "/availability/" + clinic, hours("08:00", "18:00"));
        String type = post("booking", admin, "/session-types", Map.of("name", "Sports massage", "durationMinutes", 60,
                "bufferMinutes", 15, "therapists", List.of(therapist))).path("sessionTypeId").asText();
        Map<String, String> clients = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String email = "racer" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            clients.put(post("booking", admin, "/clients", Map.of("name", "Racer " + i, "email", email,
                    "preferredChannel", "EMAIL", "remindersConsent", true)).path("clientId").asText(), email);
        }
        Instant slot = LocalDate.ofInstant(clock(), LONDON).plusWeeks(8).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
                .atTime(10, 0).atZone(LONDON).toInstant();

        // twelve clients at once, half through each booking instance, for the therapist's one slot
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(clients.size());
        int i = 0;
        for (String client : clients.keySet()) {
            String instance = i++ % 2 == 0 ? "booking-service" : "booking-service-2";
            answers.add(callers.submit(() -> {
                start.await();
                return sendTo(platform.port(instance), admin, "POST", "/sessions", Map.of("clientId", client,
                        "therapistId", therapist, "clinicId", clinic, "sessionTypeId", type, "start", slot.toString()))
                        .status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        callers.shutdown();
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 409)).hasSize(clients.size() - 1);

        // the winner's confirmation goes out once, from one of the two notifications instances; nobody else's
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.values().stream()
                .mapToLong(email -> subjects(email).size()).sum() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> clients.values().stream()
                .mapToLong(email -> subjects(email).size()).sum() == 1);
    }

    // ---- the APIs

    /** Sessions the treatment service's operations report counts at a clinic. */
    private int sessionsAt(String clinic) {
        for (JsonNode row : get("treatment", admin, "/reports/operations?by=clinic")) {
            if (row.path("key").asText().equals(clinic)) {
                return row.path("sessions").asInt();
            }
        }
        return 0;
    }

    private Instant clock() {
        return Instant.parse(get("booking", admin, "/dev/clock").path("now").asText());
    }

    private String book(String client, String therapist, String clinic, String type, Instant start) {
        return post("booking", admin, "/sessions", Map.of("clientId", client, "therapistId", therapist,
                "clinicId", clinic, "sessionTypeId", type, "start", start.toString())).path("sessionId").asText();
    }

    /** Every instance of every service to the same time, the second instances too once they run. */
    private void setClocks(Instant instant) {
        for (String service : List.of("booking-service", "treatment-service", "notifications-service")) {
            for (String instance : twoInstances ? List.of(service, service + "-2") : List.of(service)) {
                expectOk(sendTo(platform.port(instance), admin, "PUT", "/dev/clock", Map.of("now", instant.toString())),
                        "/dev/clock");
            }
        }
    }

    /** Waits for a mail whose subject starts so, and returns its body. */
    private String awaitMail(String address, String subjectStart) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mails(address).stream()
                        .filter(mail -> mail.path("subject").asText().startsWith(subjectStart)).findFirst(),
                java.util.Optional::isPresent).orElseThrow().path("mimeMessage").asText();
    }

    private List<String> subjects(String address) {
        return mails(address).stream().map(mail -> mail.path("subject").asText()).toList();
    }

    /** The SMTP server's inbox of an address, through GreenMail's API. */
    private List<JsonNode> mails(String address) {
        Answer inbox = http.get("http://127.0.0.1:" + platform.ports().inbox() + "/api/user/" + address + "/messages/INBOX");
        List<JsonNode> mails = new ArrayList<>();
        if (inbox.ok()) {
            inbox.body().forEach(mails::add);
        }
        return mails;
    }

    private JsonNode post(String service, String token, String path, Object body) {
        return expectOk(send(service, token, "POST", path, body), path);
    }

    private void put(String service, String token, String path, Object body) {
        expectOk(send(service, token, "PUT", path, body), path);
    }

    private JsonNode get(String service, String token, String path) {
        return expectOk(send(service, token, "GET", path, null), path);
    }

    private static JsonNode expectOk(Answer answer, String path) {
        assertThat(answer.ok()).as(path + " answered " + answer.status() + " " + answer.body()).isTrue();
        return answer.body();
    }

    private Answer send(String service, String token, String method, String path, Object body) {
        return sendTo(platform.port(service + "-service"), token, method, path, body);
    }

    private Answer sendTo(int port, String token, String method, String path, Object body) {
        return http.send(port, token, method, path, body);
    }

    private static Map<String, Object> hours(String from, String to) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.put(day, List.of(Map.of("from", from, "to", to)));
        }
        return hours;
    }

    private static String exercise(String code) {
        return UUID.nameUUIDFromBytes(("soleus:exercise:" + code).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
