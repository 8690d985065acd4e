package io.soleus.systemtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.deploy.local.PlatformHttp;
import io.soleus.kernel.Topics;
import io.soleus.deploy.local.PlatformHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.soleus.systemtests.RunningPlatform.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under load. While clients book sessions and a therapist opens cases, sees clients, records
 * assessments and assigns plans in a steady stream, each service is killed with SIGKILL and restarted, the PostgreSQL server crashes
 * and recovers, and a Kafka broker leading a third of booking's partitions is killed and later restarted
 * (three brokers, replication factor 3, two in sync, as in production). Afterwards the read models and the
 * mailbox are reconciled against the event stores, the record of what happened:
 * <ul>
 *   <li>nothing lost or done twice: the sessions in booking's event store are exactly those the
 *       clients were answered 201 for, and the cases, assessments and plans in treatment's those the
 *       therapist was answered for, though many requests were sent again, under their
 *       {@code Idempotency-Key}, after a lost answer;</li>
 *   <li>no event lost: every session booked is in booking's schedule, in treatment's copy and its
 *       operations report, and has its confirmation planned; every case opened is in the outcome read
 *       model; every plan assigned has its plan mail planned;</li>
 *   <li>nothing counted twice: the read models hold exactly the events' sessions and cases, the
 *       report counts them and the attended ones once, each case's plan revision equals its number
 *       of PlanAssigned events, and each case's count of sessions assessed, a counter, its number of
 *       AssessmentRecorded events;</li>
 *   <li>no mail sent twice: each mail names its notification; the mails are exactly the deliveries
 *       recorded as sent, one each, and stay so, with no finished delivery scheduled again. A mail
 *       whose process died between the SMTP server's answer and its record is UNCERTAIN and never
 *       sent again on its own (at most once): it may be missing, and there are few.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class FaultsUnderLoadTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String BOOKED = "io.soleus.kernel.booking.SessionBooked";
    private static final String CASE_OPENED = "io.soleus.kernel.treatment.CaseOpened";
    private static final String PLAN_ASSIGNED = "io.soleus.kernel.treatment.PlanAssigned";
    private static final String ATTENDED = "io.soleus.kernel.booking.SessionAttended";
    private static final String ASSESSED = "io.soleus.kernel.treatment.AssessmentRecorded";
    private static final int CLIENTS = 12;
    private static final int THERAPISTS = 4;
    /** Faults that can cut a delivery between the SMTP server's answer and its record, times the delivery threads. */
    private static final int MOST_UNCERTAIN = 2 * 8;
    /** How long a request is sent again: well beyond the three minutes a killed part is given to come back. */
    private static final Duration PERSISTENCE = Duration.ofMinutes(6);

    private RunningPlatform platform;
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final Set<String> bookedSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> openedCases = ConcurrentHashMap.newKeySet();
    private final AtomicInteger plansAssigned = new AtomicInteger();
    private final AtomicInteger assessed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    @BeforeAll
    void start() {
        platform = RunningPlatform.startOnKafkaCluster("faults");
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void each_part_dies_under_load_and_afterwards_no_event_is_lost_no_row_counted_twice_and_no_mail_sent_twice()
            throws Exception {
        // the load's bookings go to the first four therapists; the fifth sees the clients whose cases are opened
        RunningPlatform.Practice practice = platform.openPractice("Riverside Clinic", THERAPISTS + 1, THERAPISTS + 1, 30, 0);
        List<String> clients = new ArrayList<>();
        Map<String, String> emails = new HashMap<>();
        for (int i = 0; i < CLIENTS; i++) {
            String email = RunningPlatform.address("client" + i);
            String client = platform.registerClient("Client " + i, email);
            clients.add(client);
            emails.put(client, email);
        }
        String therapist = practice.therapists().get(THERAPISTS);
        String therapistToken = platform.token(therapist, "THERAPIST", List.of(practice.clinic()));

        ExecutorService load = Executors.newFixedThreadPool(3);
        AtomicInteger slot = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(load.submit(() -> bookOneSlotAfterAnother(practice, clients, slot)));
        }
        workers.add(load.submit(() -> treat(practice, clients, therapist, therapistToken)));

        try {
            // each fault strikes while the load goes on; the next waits until the load has moved on again
            afterMoreBookings(20);
            platform.kill("booking-service");
            platform.restart("booking-service");
            afterMoreBookings(20);
            platform.kill("treatment-service");
            platform.restart("treatment-service");
            afterMoreBookings(20);
            platform.kill("notifications-service");
            platform.restart("notifications-service");
            afterMoreBookings(20);
            platform.processes.crashAndRestartPostgres();
            afterMoreBookings(20);
            brokerFailover();
        } finally {
            loading.set(false);
            load.shutdown();
        }
        for (Future<?> worker : workers) {
            worker.get(PERSISTENCE.multipliedBy(3).toMinutes(), TimeUnit.MINUTES); // a few requests that each persist
        }

        assertThat(unexpected).as("answers a client should never get").isEmpty();
        assertThat(refused.get()).as("requests that met a dead service or database").isPositive();
        assertThat(plansAssigned.get()).isPositive();
        assertThat(assessed.get()).isPositive();

        try (Connection booking = platform.processes.connect("booking-service");
             Connection treatment = platform.processes.connect("treatment-service");
             Connection notifications = platform.processes.connect("notifications-service")) {
            Stores stores = new Stores(booking, treatment, notifications);
            // the deliveries a killed instance had claimed are taken over once its heartbeat is stale (30 s here)
            within(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> reconcile(stores, practice.clinic(), emails));
            // and it stays so: nothing arrives late, a second time
            AtomicReference<Reconciled> reconciled = new AtomicReference<>();
            within(Duration.ofMinutes(2)).during(Duration.ofSeconds(5)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> reconciled.set(reconcile(stores, practice.clinic(), emails)));
            System.out.println("Faults under load, reconciled: " + reconciled.get() + "; "
                    + refused.get() + " requests met a dead service or database and were sent again");
        }
    }

    // ---- the load

    /** Books one free slot after another: weekdays from the week after next, on the hour, each therapist, clients in turn. */
    private void bookOneSlotAfterAnother(RunningPlatform.Practice practice, List<String> clients, AtomicInteger slot) {
        LocalDate monday = LocalDate.now(LONDON).plusWeeks(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant horizon = Instant.now().plus(Duration.ofDays(170));
        while (loading.get()) {
            int n = slot.getAndIncrement();
            int therapist = n % THERAPISTS;
            int hour = n / THERAPISTS % 10;
            int day = n / THERAPISTS / 10;
            Instant start = monday.plusWeeks(day / 5).plusDays(day % 5).atTime(8 + hour, 0).atZone(LONDON).toInstant();
            if (start.isAfter(horizon)) {
                unexpected.add("the load ran out of slots inside the booking horizon");
                return;
            }
            book(practice, clients.get(n % clients.size()), practice.therapists().get(therapist), start);
            pace(Duration.ofMillis(250));
        }
    }

    /**
     * Books a session, sent again under the same {@code Idempotency-Key} when its answer was lost, so it
     * is answered as the first was; returns its id, also kept among those booked, or null.
     */
    private String book(RunningPlatform.Practice practice, String client, String therapist, Instant start) {
        Map<String, Object> request = RunningPlatform.sessionRequest(client, therapist, practice.clinic(),
                practice.sessionType(), start);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String[] session = new String[1];
        if (!persist(() -> platform.sendTo("booking-service", platform.admin, "POST", "/sessions", request, key),
                answer -> {
                    session[0] = answer.body().path("sessionId").asText(null);
                    return answer.status() == 201;
                }, answer -> false, "book")) {
            return null;
        }
        bookedSessions.add(session[0]);
        return session[0];
    }

    /**
     * A therapist sees each client in turn: opens a case, books a session with the client in the coming
     * days, which takes place (booking's development clock is moved past its start), records its
     * assessment, and assigns a plan.
     */
    private void treat(RunningPlatform.Practice practice, List<String> clients, String therapist, String token) {
        List<Instant> slots = sessionsToAssess();
        Map<String, Object> plan = Map.of("exercises", List.of(RunningPlatform.prescription("bent-knee-calf-raises",
                Map.of("sets", 3, "reps", 15, "times", 2, "per", "DAY", "weeks", 6))));
        for (int n = 0; loading.get(); n++) {
            String client = clients.get(n % clients.size());
            Map<String, Object> opening = RunningPlatform.caseOpening(client, practice.clinic());
            String[] caseId = new String[1];
            // treatment may not yet have read the client from booking's topic: 404 until it has
            Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            if (!persist(() -> platform.sendTo("treatment-service", token, "POST", "/cases", opening, key),
                    answer -> {
                        if (answer.status() == 201) {
                            caseId[0] = answer.body().path("caseId").asText();
                            openedCases.add(caseId[0]);
                        }
                        return answer.status() == 201 || answer.status() == 404 && !loading.get();
                    }, answer -> answer.status() == 404, "open a case") || caseId[0] == null) {
                continue;
            }
            // the client consents at the desk, as treatment records and plans need; the desk may take it once
            // treatment knows of her case there (404 until it has)
            Map<String, String> consentKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            if (!persist(() -> platform.sendTo("treatment-service", token, "POST", "/clients/" + client + "/consents/"
                            + practice.clinic(), Map.of("kinds", List.of("TREATMENT", "DATA_PROCESSING")), consentKey),
                    answer -> answer.status() == 204, answer -> answer.status() == 404, "record consent")) {
                continue;
            }
            if (n < slots.size()) {
                assess(practice, client, therapist, token, caseId[0], slots.get(n));
            }
            Map<String, String> planKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
            if (persist(() -> platform.sendTo("treatment-service", token, "PUT", "/cases/" + caseId[0] + "/plan", plan,
                    planKey), answer -> answer.status() == 204, answer -> false, "assign a plan")) {
                plansAssigned.incrementAndGet();
            }
            pace(Duration.ofSeconds(1));
        }
    }

    private void assess(RunningPlatform.Practice practice, String client, String therapist, String token, String caseId,
                        Instant start) {
        String session = book(practice, client, therapist, start);
        if (session == null) {
            return;
        }
        // the session takes place; a restarted booking service's clock starts at the real time again, so it is set
        // before every attempt
        Map<String, String> after = Map.of("now", start.plus(Duration.ofMinutes(10)).toString());
        if (!persist(() -> {
            platform.sendTo("booking-service", platform.admin, "PUT", "/dev/clock", after, Map.of());
            return platform.sendTo("booking-service", platform.admin, "POST", "/sessions/" + session + "/attended",
                    Map.of(), Map.of());
        }, answer -> answer.ok() || broke(answer, "session-attended"), answer -> broke(answer, "session-not-started"),
                "mark the session attended")) {
            return;
        }
        // treatment hears of the attendance over Kafka; an assessment sent again after a lost answer is answered as
        // the first was
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> assessment = Map.of("sessionId", session, "pain", 6, "tightness", "SEVERE",
                "triggerPoints", List.of(Map.of("site", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower-medial"),
                        "severity", "SEVERE")));
        if (persist(() -> platform.sendTo("treatment-service", token, "POST", "/cases/" + caseId + "/assessments",
                        assessment, key),
                answer -> answer.status() == 201,
                answer -> broke(answer, "session-not-yet-known", "session-not-attended-or-today"), "assess")) {
            assessed.incrementAndGet();
        }
    }

    /**
     * The fifth therapist's half-hours on the weekdays from two to seven days ahead: booking's clock,
     * moved past them, stays short of the first session the other therapists are booked for.
     */
    private static List<Instant> sessionsToAssess() {
        List<Instant> slots = new ArrayList<>();
        LocalDate today = LocalDate.now(LONDON);
        for (int day = 2; day <= 7; day++) {
            LocalDate date = today.plusDays(day);
            if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int half = 0; half < 20; half++) {
                slots.add(date.atTime(8, 0).plusMinutes(30L * half).atZone(LONDON).toInstant());
            }
        }
        return slots;
    }

    /** A 409 naming one of these rules. */
    private static boolean broke(Answer answer, String... rules) {
        return answer.status() == 409 && List.of(rules).contains(answer.body().path("rule").asText());
    }

    /**
     * Sends until {@code done}, and says whether it came: a service that cannot be reached or answers 5xx (its database is down)
     * is asked again, as is one whose answer is {@code notYet} (e.g. it has not yet read what another
     * service published); any other answer is unexpected.
     */
    private boolean persist(Supplier<Answer> request, Predicate<Answer> done, Predicate<Answer> notYet, String what) {
        Instant deadline = Instant.now().plus(PERSISTENCE);
        while (Instant.now().isBefore(deadline)) {
            Answer answer;
            try {
                answer = request.get();
            } catch (PlatformHttp.Unreachable unreachable) {
                refused.incrementAndGet();
                pause();
                continue;
            }
            if (done.test(answer)) {
                return true;
            }
            if (answer.status() >= 500) {
                refused.incrementAndGet();
            } else if (!notYet.test(answer)) {
                unexpected.add(what + ": " + answer.status() + " " + answer.body());
                return false;
            }
            pause();
        }
        unexpected.add(what + ": no answer for " + PERSISTENCE);
        return false;
    }

    /** A short breath between a refused request and the next, so a dead service is not hammered. */
    private static void pause() {
        pace(Duration.ofMillis(200));
    }

    /**
     * The load's pace: a steady stream, not a flood, so the faults strike mid-stream without the
     * bookings running past the booking horizon or burying the mailbox. Not a wait for anything.
     */
    private static void pace(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A broker that leads a third of booking's partitions dies under load: the publishers and consumers
     * move to the new leaders, so sessions booked while it is down reach treatment before it is back;
     * then it is restarted and catches up.
     */
    private void brokerFailover() throws SQLException {
        String leader = platform.processes.kafkaLeaderOf(Topics.BOOKING);
        Set<String> before = Set.copyOf(bookedSessions);
        platform.kill(leader);
        afterMoreBookings(20);
        Set<String> meanwhile = new HashSet<>(bookedSessions);
        meanwhile.removeAll(before);
        try (Connection treatment = platform.processes.connect("treatment-service")) {
            within(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(column(treatment, "SELECT session_id FROM booking_session"))
                            .as("sessions booked while " + leader + " was down, in treatment's copy")
                            .containsAll(meanwhile));
        }
        platform.restart(leader);
        afterMoreBookings(20);
    }

    private void afterMoreBookings(int more) {
        int target = bookedSessions.size() + more;
        await().atMost(Duration.ofMinutes(2)).until(() -> bookedSessions.size() >= target);
    }

    // ---- reconciling against the event stores

    /** What the event stores hold and the mailbox received, once reconciled. */
    private record Reconciled(int sessions, int cases, int assessments, int plans, int mails, long uncertain) {

        @Override
        public String toString() {
            return sessions + " sessions booked, " + cases + " cases opened, " + assessments + " sessions assessed, "
                    + plans + " plans assigned, " + mails + " mails, " + uncertain + " uncertain";
        }
    }

    /** The services' databases, where their event stores and read models are. */
    private record Stores(Connection booking, Connection treatment, Connection notifications) {
    }

    private Reconciled reconcile(Stores stores, String clinic, Map<String, String> emails) throws SQLException {
        Connection booking = stores.booking();
        Connection treatment = stores.treatment();
        Connection notifications = stores.notifications();
        // booking's event store: the sessions booked, each answered 201 exactly once to the load
        Map<String, String> bookedEvents = events(booking, BOOKED, "sessionId");
        Set<String> sessions = new HashSet<>(bookedEvents.values());
        assertThat(sessions).as("the sessions booked are those the clients were told of, each once")
                .hasSize(bookedEvents.size()).containsExactlyInAnyOrderElementsOf(bookedSessions);

        assertThat(column(booking, "SELECT session_id FROM scheduling_session")).as("booking's schedule")
                .containsExactlyInAnyOrderElementsOf(sessions);
        assertThat(column(treatment, "SELECT session_id FROM booking_session")).as("treatment's sessions")
                .containsExactlyInAnyOrderElementsOf(sessions);
        JsonNode operations = platform.operationsAt(clinic);
        assertThat(operations.path("sessions").asInt()).as("the operations report's sessions").isEqualTo(sessions.size());
        Set<String> attended = new HashSet<>(events(booking, ATTENDED, "sessionId").values());
        assertThat(operations.path("attended").asInt()).as("the operations report's attended sessions")
                .isEqualTo(attended.size());

        // treatment's event store: the cases opened, assessments recorded and plans assigned are those the
        // therapist was answered for, each once though sent again after a lost answer; each case's plan
        // revision counts its PlanAssigned events
        Map<String, String> caseEvents = events(treatment, CASE_OPENED, "caseId");
        Set<String> cases = new HashSet<>(caseEvents.values());
        assertThat(cases).as("the cases opened are those the therapist was told of, each once")
                .hasSize(caseEvents.size()).containsExactlyInAnyOrderElementsOf(openedCases);
        assertThat(column(treatment, "SELECT case_id FROM outcome_case")).as("the outcome read model")
                .containsExactlyInAnyOrderElementsOf(cases);
        Map<String, String> planEvents = events(treatment, PLAN_ASSIGNED, "caseId");
        assertThat(planEvents).as("plans assigned").hasSize(plansAssigned.get());
        assertThat(pairs(treatment, "SELECT case_id, plan_revision FROM outcome_case WHERE plan_revision > 0"))
                .as("each case's plan revision in the read model").isEqualTo(perCase(planEvents));
        // a counter: each AssessmentRecorded adds one to its case's sessions assessed, so a replayed event would show
        Map<String, String> assessmentEvents = events(treatment, ASSESSED, "caseId");
        assertThat(assessmentEvents).as("assessments recorded").hasSize(assessed.get());
        assertThat(pairs(treatment, "SELECT case_id, sessions_assessed FROM outcome_case WHERE sessions_assessed > 0"))
                .as("each case's sessions assessed in the read model").isEqualTo(perCase(assessmentEvents));

        // notifications: one confirmation per session booked, one plan mail per plan assigned, each sent
        // or, where its process died in the middle, uncertain and attempted; a confirmation skipped only
        // where the session had taken place before it was due; none left to deliver again
        Map<String, Delivery> confirmations = deliveries(notifications, "CONFIRMATION");
        assertThat(confirmations.keySet()).as("confirmations planned").containsExactlyInAnyOrderElementsOf(bookedEvents.keySet());
        Map<String, Delivery> plans = deliveries(notifications, "PLAN");
        assertThat(plans.keySet()).as("plan mails planned").containsExactlyInAnyOrderElementsOf(planEvents.keySet());
        List<Delivery> all = new ArrayList<>(confirmations.values());
        all.addAll(plans.values());
        assertThat(all).as("every delivery finished").allMatch(d -> d.status().equals("SENT")
                || d.status().equals("UNCERTAIN") && d.attempts() >= 1
                || d.status().equals("SKIPPED") && attended.contains(d.sessionId()));
        Set<String> sent = new HashSet<>();
        Set<String> uncertain = new HashSet<>();
        all.stream().filter(d -> d.status().equals("SENT")).forEach(d -> sent.add(d.notificationId()));
        all.stream().filter(d -> d.status().equals("UNCERTAIN")).forEach(d -> uncertain.add(d.notificationId()));
        assertThat(uncertain).as("uncertain deliveries, only where a fault cut one short").hasSizeLessThanOrEqualTo(MOST_UNCERTAIN);
        // (either set may be empty: a run in which no fault cut a delivery short has no uncertain one)
        assertThat(column(notifications, "SELECT task_instance FROM scheduled_tasks WHERE task_name = 'deliver-notification'"))
                .as("finished deliveries scheduled again")
                .filteredOn(task -> sent.contains(task) || uncertain.contains(task)).isEmpty();

        // the mailbox: each mail names its notification in its Message-ID
        List<String> mailed = new ArrayList<>();
        for (String email : emails.values()) {
            platform.mails(email).forEach(mail -> mailed.add(notificationOf(mail)));
        }
        assertThat(new HashSet<>(mailed)).as("no mail twice").hasSize(mailed.size());
        assertThat(sent).as("every mail recorded as sent is in the mailbox").isSubsetOf(mailed);
        Set<String> mayBeMailed = new HashSet<>(sent);
        mayBeMailed.addAll(uncertain);
        assertThat(mailed).as("no mail but those recorded sent or uncertain").isSubsetOf(mayBeMailed);
        return new Reconciled(sessions.size(), cases.size(), assessmentEvents.size(), planEvents.size(), mailed.size(),
                uncertain.size());
    }

    private record Delivery(String notificationId, String status, int attempts, String sessionId) {
    }

    /** A service's notifications of a kind, by the id of the event that caused them. */
    private static Map<String, Delivery> deliveries(Connection connection, String kind) throws SQLException {
        Map<String, Delivery> deliveries = new HashMap<>();
        for (Map.Entry<String, Delivery> row : query(connection,
                "SELECT source_event_id, notification_id, status, attempts, session_id FROM notification WHERE kind = ?",
                rows -> Map.entry(rows.getString(1), new Delivery(rows.getString(2), rows.getString(3), rows.getInt(4),
                        rows.getString(5))), kind)) {
            assertThat(deliveries.put(row.getKey(), row.getValue())).as("one " + kind + " per event").isNull();
        }
        return deliveries;
    }

    /** An event store's events of a type: their ids, and a field of each's payload. */
    private static Map<String, String> events(Connection connection, String type, String field) throws SQLException {
        return query(connection, "SELECT event_identifier, convert_from(payload, 'UTF8')::jsonb ->> ? "
                + "FROM domain_event_entry WHERE payload_type = ?", rows -> Map.entry(rows.getString(1), rows.getString(2)),
                field, type).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How many of the events name each case. */
    private static Map<String, Long> perCase(Map<String, String> caseOfEvent) {
        return caseOfEvent.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        return query(connection, sql, rows -> rows.getString(1));
    }

    /** A query's rows of a key and a count, e.g. a case and its plan revision. */
    private static Map<String, Long> pairs(Connection connection, String sql) throws SQLException {
        return query(connection, sql, rows -> Map.entry(rows.getString(1), rows.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(row.read(rows));
                }
            }
            return values;
        }
    }

    /** The notification a mail delivered, from its Message-ID ({@code <notification-id@soleus>}). */
    private static String notificationOf(JsonNode mail) {
        return mail.path("Message-ID").asText().replaceAll("^<|@soleus>$", "");
    }
}
