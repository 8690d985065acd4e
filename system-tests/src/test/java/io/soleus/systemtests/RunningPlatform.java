package io.soleus.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.LocalPlatform;
import io.soleus.deploy.local.PlatformHttp;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.deploy.local.PlatformHttp.Answer;
import org.awaitility.core.ConditionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform of separate processes started for one test class, and what the tests say to it: JSON
 * over HTTP to a service by its name ({@code "booking"}) with a token, the SMTP server's inbox, the
 * services' development clocks.
 */
final class RunningPlatform {

    final LocalPlatform processes;
    final String admin;
    private final PlatformHttp http = new PlatformHttp();

    private RunningPlatform(LocalPlatform processes) {
        this.processes = processes;
        this.admin = processes.token("admin-system-test", List.of("ADMIN"), List.of());
    }

    /** Starts the platform with its data and logs in {@code system-tests/target/<name>}. */
    static RunningPlatform start(String name) {
        Path root = Path.of("").toAbsolutePath().getParent();
        return start(name, LocalPlatform.forSystemTests(root, root.resolve("system-tests/target/" + name)));
    }

    /** As {@link #start(String)}, the services exporting their spans to an OTLP endpoint. */
    static RunningPlatform startTracedTo(String name, String otlpEndpoint) {
        Path root = Path.of("").toAbsolutePath().getParent();
        return start(name, LocalPlatform.forSystemTests(root, root.resolve("system-tests/target/" + name))
                .traceTo(otlpEndpoint));
    }

    /** As {@link #start(String)}, on a cluster of three Kafka brokers replicating each partition three times. */
    static RunningPlatform startOnKafkaCluster(String name) {
        Path root = Path.of("").toAbsolutePath().getParent();
        return start(name, LocalPlatform.forSystemTestsOnKafkaCluster(root, root.resolve("system-tests/target/" + name)));
    }

    /** As {@link #start(String)}, with the web front end too. */
    static RunningPlatform startWithWebFrontEnd(String name) {
        Path root = Path.of("").toAbsolutePath().getParent();
        return start(name, LocalPlatform.forBrowserTests(root, root.resolve("system-tests/target/" + name)));
    }

    private static RunningPlatform start(String name, LocalPlatform processes) {
        // a test JVM stopped before its tests end (a timeout, Ctrl-C) leaves no process behind
        Runtime.getRuntime().addShutdownHook(new Thread(processes::stop, "stop-" + name));
        try {
            processes.start();
        } catch (RuntimeException e) {
            processes.stop();
            throw e;
        }
        return new RunningPlatform(processes);
    }

    void stop() {
        processes.stop();
    }

    void startSecondInstances() {
        processes.startSecondInstances();
    }

    /** SIGKILL: a service by its name, or a Kafka node ({@code kafka}, or {@code kafka-1} … on a cluster). */
    void kill(String part) {
        processes.kill(part);
    }

    /** Starts a killed part again: a service, or a Kafka node. */
    void restart(String part) {
        processes.restart(part);
    }

    /** The lines a part has logged so far. */
    List<String> log(String part) {
        try {
            return java.nio.file.Files.readAllLines(processes.log(part));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String token(String subject, String role, List<String> clinics) {
        return processes.token(subject, List.of(role), clinics);
    }

    // ---- the APIs

    JsonNode post(String service, String token, String path, Object body) {
        return expectOk(send(service, token, "POST", path, body), path);
    }

    void put(String service, String token, String path, Object body) {
        expectOk(send(service, token, "PUT", path, body), path);
    }

    JsonNode get(String service, String token, String path) {
        return expectOk(send(service, token, "GET", path, null), path);
    }

    Answer send(String service, String token, String method, String path, Object body) {
        return sendTo(service + "-service", token, method, path, body, Map.of());
    }

    /** To one instance ({@code booking-service-2}), with extra headers; throws when the instance cannot be reached. */
    Answer sendTo(String instance, String token, String method, String path, Object body, Map<String, String> headers) {
        return http.send(processes.port(instance), token, method, path, body, headers);
    }

    private static JsonNode expectOk(Answer answer, String path) {
        assertThat(answer.ok()).as(path + " answered " + answer.status() + " " + answer.body()).isTrue();
        return answer.body();
    }

    /**
     * Opens a clinic with rooms, therapists who all offer one session type, and the therapists' weekday
     * availability, 08:00–18:00.
     */
    Practice openPractice(String clinicName, int rooms, int therapists, int minutes, int buffer) {
        List<Map<String, String>> roomNames = new ArrayList<>();
        for (int i = 1; i <= rooms; i++) {
            roomNames.add(Map.of("name", "Room " + i));
        }
        String clinic = post("booking", admin, "/clinics", Map.of("name", clinicName, "address", "12 River Walk, Kingston",
                "timeZone", "Europe/London", "openingHours", weekdays("07:00", "19:00"), "rooms", roomNames))
                .path("clinicId").asText();
        List<String> therapistIds = new ArrayList<>();
        for (int i = 1; i <= therapists; i++) {
            String therapist = post("booking", admin, "/therapists", Map.of("name", "Therapist " + i,
                    "clinics", List.of(clinic))).path("therapistId").asText();
            put("booking", admin, "/therapists/" + therapist + "/availability/" + clinic, weekdays("08:00", "18:00"));
            therapistIds.add(therapist);
        }
        String type = post("booking", admin, "/session-types", Map.of("name", "Follow-up treatment",
                "durationMinutes", minutes, "bufferMinutes", buffer, "therapists", therapistIds))
                .path("sessionTypeId").asText();
        return new Practice(clinic, therapistIds, type);
    }

    record Practice(String clinic, List<String> therapists, String sessionType) {
    }

    /** Registers a client who wants email and reminders; returns the client's id. */
    String registerClient(String name, String email) {
        return post("booking", admin, "/clients", Map.of("name", name, "email", email, "preferredChannel", "EMAIL",
                "remindersConsent", true)).path("clientId").asText();
    }

    String book(String client, String therapist, String clinic, String type, Instant start) {
        return post("booking", admin, "/sessions", sessionRequest(client, therapist, clinic, type, start))
                .path("sessionId").asText();
    }

    /** The treatment service's operations report's row of a clinic (sessions, attended, …); empty before any. */
    JsonNode operationsAt(String clinic) {
        for (JsonNode row : get("treatment", admin, "/reports/operations?by=clinic")) {
            if (row.path("key").asText().equals(clinic)) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    // ---- clocks

    Instant clock() {
        return Instant.parse(get("booking", admin, "/dev/clock").path("now").asText());
    }

    /** Every instance of every service to the same time, the second instances too once they run. */
    void setClocks(Instant instant) {
        for (String instance : processes.instances()) {
            expectOk(sendTo(instance, admin, "PUT", "/dev/clock", Map.of("now", instant.toString()), Map.of()),
                    "/dev/clock");
        }
    }

    // ---- the SMTP server

    List<String> subjects(String address) {
        return mails(address).stream().map(mail -> mail.path("subject").asText()).toList();
    }

    /** The SMTP server's inbox of an address, through GreenMail's API. */
    List<JsonNode> mails(String address) {
        Answer inbox = http.get("http://127.0.0.1:" + processes.ports().inbox() + "/api/user/" + address + "/messages/INBOX");
        List<JsonNode> mails = new ArrayList<>();
        if (inbox.ok()) {
            inbox.body().forEach(mails::add);
        }
        return mails;
    }

    // ---- waiting

    /**
     * Waits up to {@code timeout} for a condition that reads the platform over HTTP; a request that meets
     * a part not answering (restarting, say) is asked again.
     */
    static ConditionFactory within(Duration timeout) {
        return await().atMost(timeout).ignoreExceptionsInstanceOf(PlatformHttp.Unreachable.class);
    }

    // ---- values

    /** The body of {@code POST /sessions}. */
    static Map<String, Object> sessionRequest(String client, String therapist, String clinic, String type, Instant start) {
        return Map.of("clientId", client, "therapistId", therapist, "clinicId", clinic, "sessionTypeId", type,
                "start", start.toString());
    }

    /** The body of {@code POST /cases}: the reference case's complaint and finding. */
    static Map<String, Object> caseOpening(String client, String clinic) {
        return Map.of("clientId", client, "clinicId", clinic, "complaint", "Deep ache in the lower left calf after runs",
                "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"),
                "side", "LEFT", "contributingFactors", List.of("OVERUSE"));
    }

    /** A clinic open every day, all day, with one room and one therapist who offers one session type. */
    record AllDayClinic(String clinic, String therapist, String sessionType) {
    }

    /**
     * Opens a clinic of one room, open every day all day, with one therapist available all of it who
     * offers one session type of {@code minutes}, and signs the therapist up at {@code email}.
     */
    AllDayClinic openAllDayClinic(String name, String address, String therapistName, String email, String password,
                                  String sessionType, int minutes) {
        Map<String, Object> always = everyDayAllDay();
        String clinic = post("booking", admin, "/clinics", Map.of("name", name, "address", address,
                "timeZone", "Europe/London", "openingHours", always,
                "rooms", List.of(Map.of("name", name.split(" ")[0] + " room")))).path("clinicId").asText();
        String therapist = post("booking", admin, "/therapists", Map.of("name", therapistName,
                "clinics", List.of(clinic))).path("therapistId").asText();
        put("booking", admin, "/therapists/" + therapist + "/availability/" + clinic, always);
        String type = post("booking", admin, "/session-types", Map.of("name", sessionType, "durationMinutes", minutes,
                "bufferMinutes", 0, "therapists", List.of(therapist))).path("sessionTypeId").asText();
        processes.identity().account(therapist, email, therapistName, password, "THERAPIST", List.of(clinic));
        return new AllDayClinic(clinic, therapist, type);
    }

    /**
     * Answers to the calf intake form: the complaint, 35 km a week, every safety question "no" except
     * long travel as given, and consent to treatment and its record.
     */
    static Map<String, Object> intake(String longTravel) {
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        answers.put("complaint-history", "Deep ache in the lower left calf after my long runs");
        answers.put("complaint-duration", "weeks");
        answers.put("weekly-km", "35");
        for (String question : List.of("calf-swelling", "calf-warm-red", "surgery-immobilisation", "clot-history",
                "night-pain", "rest-pain", "numbness", "bone-point-pain", "exertional-tightness")) {
            answers.put(question, "no");
        }
        answers.put("long-travel", longTravel);
        return Map.of("language", "en", "answers", answers, "consents", List.of("TREATMENT", "DATA_PROCESSING"));
    }

    /** A plan entry: an exercise of the library, by its code, with its dose. */
    static Map<String, Object> prescription(String exercise, Map<String, Object> dose) {
        return Map.of("exerciseId", ExerciseId.ofLibraryCode(exercise).toString(), "dose", dose);
    }

    static Map<String, Object> weekdays(String from, String to) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.put(day, List.of(Map.of("from", from, "to", to)));
        }
        return hours;
    }

    /** Open every day from midnight to 23:45: a clinic or therapist a journey finds free time with whenever it runs. */
    static Map<String, Object> everyDayAllDay() {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(day, List.of(Map.of("from", "00:00", "to", "23:45")));
        }
        return hours;
    }

    static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
