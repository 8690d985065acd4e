package io.soleus.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.bench.EndToEndLagBenchmark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The platform as it runs: a Kafka broker, the three services and an SMTP server, each its own
 * process, talking only through Kafka; driven through the public APIs. The reference case is booked,
 * reminded, attended, assessed, treated and given its plan, with the mails arriving; then the
 * notifications service is killed (SIGKILL) while bookings go on, restarted, and every mail arrives
 * exactly once. Last the broker is killed and started again: a session booked meanwhile reaches
 * the notifications and treatment services once it is back, once. With a second instance of every
 * service, a race for one slot across both booking instances has one winner, and its confirmation
 * goes out once. A booking is followed by its W3C trace from the HTTP request, over Kafka, to its mail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
class ReferenceCaseAcrossProcessesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private RunningPlatform platform;
    private TraceCollector collector;

    @BeforeAll
    void start() {
        collector = TraceCollector.start();
        platform = RunningPlatform.startTracedTo("reference-case", collector.endpoint());
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.stop();
        }
        if (collector != null) {
            collector.close();
        }
    }

    /** Waits for a mail whose subject starts so, and returns its body. */
    private String awaitMail(String address, String subjectStart) {
        return awaitMail(address, subjectStart, Duration.ofSeconds(60));
    }

    private String awaitMail(String address, String subjectStart, Duration atMost) {
        return within(atMost).until(() -> platform.mails(address).stream()
                        .filter(mail -> mail.path("subject").asText().startsWith(subjectStart)).findFirst(),
                java.util.Optional::isPresent).orElseThrow().path("mimeMessage").asText();
    }

    @Test
    void the_reference_case_gets_its_mails_and_reports_and_a_killed_notifications_service_sends_none_twice() {
        LocalDate monday = LocalDate.now(LONDON).plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        platform.setClocks(monday.atTime(7, 0).atZone(LONDON).toInstant());
        RunningPlatform.Practice practice = platform.openPractice("Riverside Clinic", 1, 1, 45, 15);
        String clinic = practice.clinic();
        String therapist = practice.therapists().get(0);
        String followUp = practice.sessionType();
        String email = RunningPlatform.address("riley");
        String riley = platform.registerClient("Riley Runner", email);
        String maya = platform.token(therapist, "THERAPIST", List.of(clinic));

        // booked on Monday for Tuesday 09:00: the confirmation now, the reminder on Monday at 09:00
        Instant tuesday = monday.plusDays(1).atTime(9, 0).atZone(LONDON).toInstant();
        String session = platform.book(riley, therapist, clinic, followUp, tuesday);
        assertThat(awaitMail(email, "Your Follow-up treatment at Riverside Clinic is booked"))
                .as("her first session there: the confirmation asks for the intake").contains("/me/intake/" + clinic);
        // she answers it, no red flag, and consents; treatment learns of her session over Kafka, so until it has
        // her answers find no session of hers there (404)
        String asRiley = platform.token(riley, "CLIENT", List.of());
        Map<String, Object> intake = RunningPlatform.intake("no");
        JsonNode screened = within(Duration.ofSeconds(60)).until(() -> platform.sendTo("treatment-service", asRiley, "POST",
                "/clients/" + riley + "/intake/" + clinic, intake, Map.of("Idempotency-Key", "intake-" + riley)),
                answer -> answer.status() == 201).body();
        assertThat(screened.path("redFlag").asBoolean()).isFalse();
        platform.setClocks(tuesday.minus(Duration.ofHours(24)).plusSeconds(60));
        awaitMail(email, "Reminder: your Follow-up treatment on Tuesday");

        // the session takes place; treatment hears of it over Kafka and keeps the record
        platform.setClocks(tuesday.plus(Duration.ofMinutes(40)));
        platform.post("booking", platform.admin, "/sessions/" + session + "/attended", Map.of());
        // treatment learns of the client from booking's topic, so the case may be refused with a 404 until it has
        Map<String, Object> opening = RunningPlatform.caseOpening(riley, clinic);
        Map<String, String> once = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String caseId = within(Duration.ofSeconds(60)).until(() -> platform.sendTo("treatment-service", maya, "POST", "/cases", opening, once),
                answer -> answer.status() == 201).body().path("caseId").asText();
        within(Duration.ofSeconds(60)).until(() -> platform.send("treatment", maya, "POST", "/cases/" + caseId
                + "/assessments", Map.of("sessionId", session, "pain", 7, "triggerPoints", List.of(Map.of("site",
                Map.of("muscle", "soleus", "side", "LEFT", "region", "lower-medial"), "severity", "SEVERE")),
                "tightness", "SEVERE", "notes", "Very tight soleus")).status() == 201);
        platform.post("treatment", maya, "/cases/" + caseId + "/myofascial-releases", Map.of("sessionId", session,
                "region", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower calf"), "minutes", 12,
                "response", "RELEASED"));
        platform.put("treatment", maya, "/cases/" + caseId + "/plan", Map.of("exercises", List.of(
                RunningPlatform.prescription("bent-knee-calf-raises",
                        Map.of("sets", 3, "reps", 15, "times", 2, "per", "DAY", "weeks", 6)),
                RunningPlatform.prescription("soleus-wall-stretch",
                        Map.of("sets", 3, "holdSeconds", 30, "times", 2, "per", "DAY", "weeks", 6)))));
        String plan = awaitMail(email, "Your aftercare plan");
        // the raw mail as the SMTP server received it: its text part lists the exercises line by line
        assertThat(plan).contains("Bent-knee calf raises").contains("Soleus wall stretch");
        // the case's outcome is a read model, filled from the events a moment later
        within(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(platform.get("treatment", maya, "/cases/" + caseId)
                .path("baselinePain").asInt()).isEqualTo(7));

        // the notifications service dies without a word while three more sessions are booked
        platform.kill("notifications-service");
        for (int week = 1; week <= 3; week++) {
            platform.book(riley, therapist, clinic, followUp, tuesday.plus(Duration.ofDays(7L * week)));
        }
        platform.restart("notifications-service");
        // a restarted service's development clock starts at the real time again
        platform.setClocks(tuesday.plus(Duration.ofMinutes(45)));
        within(Duration.ofSeconds(180)).until(() -> platform.subjects(email).stream()
                .filter(subject -> subject.endsWith("is booked")).count() == 4);

        // every mail once: four confirmations, one reminder, one plan (later reminders are not yet due)
        within(Duration.ofSeconds(30)).during(Duration.ofSeconds(3)).until(() -> platform.subjects(email).size() == 6);
        List<String> subjects = platform.subjects(email);
        assertThat(subjects.stream().filter(subject -> subject.endsWith("is booked"))).hasSize(4);
        assertThat(subjects.stream().filter(subject -> subject.startsWith("Reminder"))).hasSize(1);
        assertThat(subjects.stream().filter(subject -> subject.equals("Your aftercare plan"))).hasSize(1);

        // the broker dies; a session booked meanwhile waits in booking's event store and goes out when it is back
        platform.kill("kafka");
        platform.book(riley, therapist, clinic, followUp, tuesday.plus(Duration.ofDays(28)));
        platform.restart("kafka");
        // the consumers retry with a backoff of up to a minute while the broker is away
        within(Duration.ofSeconds(300)).until(() -> platform.subjects(email).stream()
                .filter(subject -> subject.endsWith("is booked")).count() == 5);
        within(Duration.ofSeconds(300)).until(() -> platform.operationsAt(clinic).path("sessions").asInt() == 5);
        within(Duration.ofSeconds(30)).during(Duration.ofSeconds(3)).until(() -> platform.subjects(email).size() == 7);
    }

    @Test
    void a_booking_is_followed_by_its_trace_from_the_request_over_kafka_to_its_confirmation_mail() {
        Instant clock = platform.clock();
        platform.setClocks(Instant.now().isAfter(clock) ? Instant.now() : clock);
        RunningPlatform.Practice practice = platform.openPractice("Lakeside Clinic", 1, 1, 45, 15);
        String email = RunningPlatform.address("traced");
        String client = platform.registerClient("Tracy Traced", email);
        Instant start = LocalDate.ofInstant(platform.clock(), LONDON).plusWeeks(3)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY)).atTime(11, 0).atZone(LONDON).toInstant();
        // the caller starts the trace, as a front end or gateway would
        HexFormat hex = HexFormat.of();
        byte[] ids = new byte[24];
        new java.security.SecureRandom().nextBytes(ids);
        String traceId = hex.formatHex(ids, 0, 16);
        String traceparent = "00-" + traceId + "-" + hex.formatHex(ids, 16, 24) + "-01";

        assertThat(platform.sendTo("booking-service", platform.admin, "POST", "/sessions", RunningPlatform.sessionRequest(
                client, practice.therapists().get(0), practice.clinic(), practice.sessionType(), start),
                Map.of("traceparent", traceparent)).status()).isEqualTo(201);
        // after the broker's restart in another test, a processor of either instance may still be in its
        // retry backoff (up to a minute) before it publishes or reads again
        awaitMail(email, "Your Follow-up treatment at Lakeside Clinic is booked", Duration.ofSeconds(180));

        // one trace: the request in booking, the record's handling in treatment and notifications, the mail's delivery
        within(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(collector.trace(traceId))
                .extracting(TraceCollector.Span::service, TraceCollector.Span::name)
                .contains(tuple("booking-service", "http post /sessions"),
                        tuple("treatment-service", "consume SessionBooked"),
                        tuple("notifications-service", "consume SessionBooked"),
                        tuple("notifications-service", "deliver notification")));
        List<TraceCollector.Span> trace = collector.trace(traceId);
        List<String> inBooking = trace.stream().filter(span -> span.service().equals("booking-service"))
                .map(TraceCollector.Span::spanId).toList();
        TraceCollector.Span consumed = trace.stream().filter(span -> span.service().equals("notifications-service")
                && span.name().equals("consume SessionBooked")).findFirst().orElseThrow();
        TraceCollector.Span delivered = trace.stream().filter(span -> span.name().equals("deliver notification"))
                .findFirst().orElseThrow();
        assertThat(consumed.parentSpanId()).as("the record's handling continues the request").isIn(inBooking);
        assertThat(delivered.parentSpanId()).as("the delivery continues the handling that planned it")
                .isEqualTo(consumed.spanId());
        // and the mail's log line is found by the trace id, on whichever instance sent it
        assertThat(platform.processes.instances().stream().filter(instance -> instance.startsWith("notifications-service"))
                .flatMap(instance -> platform.log(instance).stream()))
                .anyMatch(line -> line.contains(traceId) && line.contains("(CONFIRMATION) sent by EMAIL"));
    }

    @Test
    void with_two_instances_of_every_service_a_race_for_one_slot_has_one_winner_whose_confirmation_goes_out_once()
            throws Exception {
        platform.startSecondInstances();
        Instant clock = platform.clock();
        platform.setClocks(Instant.now().isAfter(clock) ? Instant.now() : clock);
        RunningPlatform.Practice practice = platform.openPractice("Hillside Clinic", 1, 1, 60, 15);
        String clinic = practice.clinic();
        String therapist = practice.therapists().get(0);
        String type = practice.sessionType();
        Map<String, String> clients = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String email = RunningPlatform.address("racer" + i);
            clients.put(platform.registerClient("Racer " + i, email), email);
        }
        Instant slot = LocalDate.ofInstant(platform.clock(), LONDON).plusWeeks(8).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
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
                return platform.sendTo(instance, platform.admin, "POST", "/sessions",
                        RunningPlatform.sessionRequest(client, therapist, clinic, type, slot), Map.of()).status();
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
        within(Duration.ofSeconds(60)).until(() -> clients.values().stream()
                .mapToLong(email -> platform.subjects(email).size()).sum() == 1);
        within(Duration.ofSeconds(30)).during(Duration.ofSeconds(3)).until(() -> clients.values().stream()
                .mapToLong(email -> platform.subjects(email).size()).sum() == 1);
    }

    /**
     * The end-to-end lag benchmark's smoke run (workload 2, which runs on a whole platform such as this
     * one): a second of bookings at 20/s, each followed to both read models and its mail (the run fails
     * if one is not seen on every path), and the figures written beside their baselines, with the
     * processor time each part spent.
     */
    @Test
    void the_end_to_end_lag_benchmark_follows_each_booking_to_both_read_models_and_its_mail(@TempDir Path results)
            throws Exception {
        System.setProperty("soleus.bench.results", results.toString());
        Path json = EndToEndLagBenchmark.run(platform.processes, new int[] {20}, 1, "smoke");
        assertThat(json).startsWithRaw(results);
        assertThat(Files.readString(json)).contains("\"scheduling read model\"", "\"treatment's sessions\"",
                "\"confirmation mail\"", "\"baseline\"", "\"ratio\"");
        // and what each part of the platform spent on a booking
        assertThat(Files.readString(json)).containsPattern("processor time per booking.*booking-service \\d+\\.\\d ms");
    }
}
