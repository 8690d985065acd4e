package io.soleus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.deploy.local.LocalPlatform;
import io.soleus.deploy.local.PlatformHttp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Workload 2 on a running platform: bookings offered at a fixed rate (open loop: each is sent at its
 * time whether or not earlier ones were answered), and how long after each booking's answer (the
 * moment its client knows it is committed) it is seen in booking's scheduling read model, in
 * treatment's sessions (which its operations counts are read from), and as a sent confirmation in
 * notifications (its mail accepted by the SMTP server). A reader polls each database every few
 * milliseconds for the sessions it has not seen yet.
 * <p>
 * The baseline is the least a hand-built pipeline could do, at the same rate on the same platform:
 * a row committed to booking's database (seen by the same reader), sent with a plain Kafka producer
 * ({@code acks=all}), taken by a plain consumer that inserts it into treatment's database, and mails
 * it through the same SMTP server before inserting it into notifications' database.
 */
public final class EndToEndLag {

    /** Where a booking is followed to, and the part whose database shows it. */
    public enum Path {
        SCHEDULING("scheduling read model", "booking-service",
                "SELECT session_id FROM scheduling_session WHERE session_id = ANY(?)"),
        TREATMENT("treatment's sessions", "treatment-service",
                "SELECT session_id FROM booking_session WHERE session_id = ANY(?)"),
        MAIL("confirmation mail", "notifications-service",
                "SELECT session_id FROM notification WHERE kind = 'CONFIRMATION' AND status = 'SENT' AND session_id = ANY(?)");

        final String title;
        final String part;
        final String seen;

        Path(String title, String part, String seen) {
            this.title = title;
            this.part = part;
            this.seen = seen;
        }
    }

    /**
     * A run's figures: each answer's latency, and each path's lag, in microseconds; and the processor
     * time each part of the platform (and the load generator) used from the first offer until every
     * booking had been seen everywhere.
     */
    public record Lags(int offered, double seconds, Histogram answers, Map<Path, Histogram> paths, Map<String, Duration> cpu) {

        public double perSecond() {
            return answers.getTotalCount() / seconds;
        }
    }

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalTime OPENS = LocalTime.of(8, 0);
    private static final int SLOTS_PER_DAY = 24;
    private static final int CLINICS = 4;
    private static final int THERAPISTS_PER_CLINIC = 4;
    private static final int CLIENTS = 64;
    private static final String PLAIN_TOPIC = "bench.lag.plain";
    private static final String PLAIN_TABLE = "CREATE TABLE IF NOT EXISTS bench_lag_plain (id UUID PRIMARY KEY, body TEXT NOT NULL)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatform platform;
    private final PlatformHttp admin = new PlatformHttp();
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String sessions;
    private final List<String> therapists = new ArrayList<>();
    private final List<String> clinicOfTherapist = new ArrayList<>();
    private final List<String> clientTokens = new ArrayList<>();
    private final String sessionType;
    private final LocalDate firstDay = LocalDate.now(LONDON).plusDays(1);
    /** The next free slot's place in the practice's sequence, across runs. */
    private final AtomicLong nextSlot = new AtomicLong();

    /** Sets up a practice of four clinics with four therapists each, every day 08:00-20:00, and 64 clients. */
    public EndToEndLag(LocalPlatform platform) throws SQLException {
        this.platform = platform;
        this.adminToken = platform.token("bench-lag", List.of("ADMIN"), List.of());
        int booking = platform.port("booking-service");
        this.sessions = "http://localhost:" + booking + "/sessions";
        Map<String, Object> everyDay = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            everyDay.put(day, List.of(Map.of("from", OPENS.toString(), "to", OPENS.plusMinutes(30L * SLOTS_PER_DAY).toString())));
        }
        for (int c = 0; c < CLINICS; c++) {
            List<Map<String, String>> rooms = new ArrayList<>();
            for (int r = 0; r < THERAPISTS_PER_CLINIC; r++) {
                rooms.add(Map.of("name", "Room " + (r + 1)));
            }
            String clinic = post(booking, "/clinics", Map.of("name", "Lag Clinic " + (c + 1), "address", c + 1 + " River Walk",
                    "timeZone", LONDON.getId(), "openingHours", everyDay, "rooms", rooms), "clinicId");
            for (int t = 0; t < THERAPISTS_PER_CLINIC; t++) {
                String therapist = post(booking, "/therapists", Map.of("name", "Therapist " + (c + 1) + "." + (t + 1),
                        "clinics", List.of(clinic)), "therapistId");
                send(booking, "PUT", "/therapists/" + therapist + "/availability/" + clinic, everyDay);
                therapists.add(therapist);
                clinicOfTherapist.add(clinic);
            }
        }
        this.sessionType = post(booking, "/session-types", Map.of("name", "Follow-up", "durationMinutes", 30,
                "bufferMinutes", 0, "therapists", therapists), "sessionTypeId");
        for (int i = 0; i < CLIENTS; i++) {
            String client = post(booking, "/clients", Map.of("name", "Lag Client " + i, "email", "lag" + i + "@example.org",
                    "preferredChannel", "EMAIL", "remindersConsent", false, "language", "en"), "clientId");
            clientTokens.add(platform.token(client, List.of("CLIENT"), List.of()));
        }
        // treatment and notifications know every client before the first booking, as in a practice running for a while
        for (String part : List.of("treatment-service", "notifications-service")) {
            String table = part.startsWith("treatment") ? "booking_client" : "recipient";
            try (Connection connection = platform.connect(part)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (count(connection, table) < CLIENTS) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(part + " did not hear of the " + CLIENTS + " clients within 2 minutes");
                    }
                    pause(50);
                }
            }
        }
    }

    /** Offers bookings at {@code rate} a second for {@code seconds}, and follows each to every path. */
    public Lags soleus(int rate, double seconds) throws Exception {
        Histogram answers = new SynchronizedHistogram(60_000_000L, 3);
        Map<Path, Reader> readers = readers(false);
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> answered = new ArrayList<>();
        Map<String, Duration> cpuBefore = cpuTimes();
        double elapsed = offer(rate, seconds, () -> {
            long index = nextSlot.getAndIncrement();
            long sent = System.nanoTime();
            answered.add(http.sendAsync(booking(index), HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                long now = System.nanoTime();
                if (response.statusCode() != 201) {
                    refusals.add(response.statusCode() + " " + response.body());
                    return;
                }
                answers.recordValue((now - sent) / 1000);
                UUID session = UUID.fromString(read(response.body()).path("sessionId").asText());
                readers.values().forEach(reader -> reader.follow(session, now));
            }));
        });
        CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        if (!refusals.isEmpty()) {
            throw new IllegalStateException(refusals.size() + " bookings of free slots were refused, e.g. " + refusals.peek());
        }
        Map<Path, Histogram> lags = finish(readers);
        return new Lags(answered.size(), elapsed, answers, lags, since(cpuBefore));
    }

    /** The baseline at {@code rate} a second for {@code seconds}: rows committed, sent over Kafka, inserted and mailed by a plain consumer. */
    public Lags plain(int rate, double seconds) throws Exception {
        Histogram commits = new SynchronizedHistogram(60_000_000L, 3);
        Map<Path, Reader> readers = readers(true);
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(8);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try (Admin topics = Admin.create(Map.of("bootstrap.servers", platform.kafkaBootstrapServers()));
             KafkaProducer<String, String> producer = producer();
             PlainConsumer consumer = new PlainConsumer()) {
            if (!topics.listTopics().names().get().contains(PLAIN_TOPIC)) {
                topics.createTopics(List.of(new NewTopic(PLAIN_TOPIC, 2, (short) 1))).all().get();
            }
            for (int i = 0; i < 8; i++) {
                connections.add(platform.connect("booking-service"));
            }
            consumer.start(readers);
            List<Future<?>> sent = new ArrayList<>();
            double elapsed = offer(rate, seconds, () -> sent.add(senders.submit(() -> {
                Connection connection = connections.take();
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_lag_plain (id, body) VALUES (?, ?)")) {
                    UUID id = UUID.randomUUID();
                    String body = "{\"sessionId\":\"" + id + "\"}";
                    long started = System.nanoTime();
                    insert.setObject(1, id);
                    insert.setString(2, body);
                    insert.executeUpdate();
                    long committed = System.nanoTime();
                    commits.recordValue((committed - started) / 1000);
                    readers.values().forEach(reader -> reader.follow(id, committed));
                    producer.send(new ProducerRecord<>(PLAIN_TOPIC, id.toString(), body));
                } finally {
                    connections.add(connection);
                }
                return null;
            })));
            for (Future<?> each : sent) {
                each.get(5, TimeUnit.MINUTES);
            }
            return new Lags(sent.size(), elapsed, commits, finish(readers), Map.of());
        } finally {
            senders.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>(platform.cpuTimes());
        times.put("load generator", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return times;
    }

    private Map<String, Duration> since(Map<String, Duration> before) {
        Map<String, Duration> used = new LinkedHashMap<>();
        cpuTimes().forEach((part, now) -> used.put(part, now.minus(before.getOrDefault(part, Duration.ZERO))));
        return used;
    }

    /** Calls {@code offer} {@code rate} times a second for {@code seconds}, each at its time; answers the seconds taken. */
    private static double offer(int rate, double seconds, Runnable offer) {
        long count = Math.max(1, Math.round(rate * seconds));
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            // the load generator's pacing: the next booking goes at its time, not when the last one is answered
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            offer.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private HttpRequest booking(long index) {
        int therapist = (int) (index % therapists.size());
        long slot = index / therapists.size();
        LocalDate day = firstDay.plusDays(slot / SLOTS_PER_DAY);
        LocalTime time = OPENS.plusMinutes(30 * (slot % SLOTS_PER_DAY));
        String body = """
                {"therapistId":"%s","clinicId":"%s","sessionTypeId":"%s","start":"%s"}""".formatted(therapists.get(therapist),
                clinicOfTherapist.get(therapist), sessionType, day.atTime(time).atZone(LONDON).toInstant());
        return HttpRequest.newBuilder(URI.create(sessions))
                .header("Authorization", "Bearer " + clientTokens.get((int) (index % CLIENTS)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private Map<Path, Reader> readers(boolean plain) throws SQLException {
        Map<Path, Reader> readers = new LinkedHashMap<>();
        for (Path path : Path.values()) {
            Connection connection = platform.connect(path.part);
            if (plain) {
                connection.createStatement().execute(PLAIN_TABLE);
            }
            Reader reader = new Reader(connection, plain ? "SELECT id FROM bench_lag_plain WHERE id = ANY(?)" : path.seen);
            readers.put(path, reader);
            reader.start();
        }
        return readers;
    }

    /** Waits until every reader has seen all it follows (five minutes at most: a rate beyond the platform's leaves a backlog), and answers their lags. */
    private static Map<Path, Histogram> finish(Map<Path, Reader> readers) throws InterruptedException, SQLException {
        Map<Path, Histogram> lags = new LinkedHashMap<>();
        for (Map.Entry<Path, Reader> each : readers.entrySet()) {
            lags.put(each.getKey(), each.getValue().finish(Duration.ofMinutes(5), each.getKey().title));
        }
        return lags;
    }

    /**
     * Polls one database for the ids it follows, every two milliseconds, and records how long after
     * its commit each was first seen.
     */
    private static final class Reader extends Thread {

        private record Followed(UUID id, long committed) {
        }

        private final Connection connection;
        private final String query;
        private final ConcurrentLinkedQueue<Followed> arriving = new ConcurrentLinkedQueue<>();
        private final Map<UUID, Long> unseen = new HashMap<>();
        private final Histogram lags = new Histogram(600_000_000L, 3);
        private volatile boolean finishing;
        private volatile RuntimeException failure;

        Reader(Connection connection, String query) {
            super("lag-reader");
            setDaemon(true);
            this.connection = connection;
            this.query = query;
        }

        void follow(UUID id, long committed) {
            arriving.add(new Followed(id, committed));
        }

        @Override
        public void run() {
            try (PreparedStatement seen = connection.prepareStatement(query)) {
                while (!(finishing && arriving.isEmpty() && unseen.isEmpty())) {
                    for (Followed next; (next = arriving.poll()) != null; ) {
                        unseen.put(next.id(), next.committed());
                    }
                    if (!unseen.isEmpty()) {
                        seen.setArray(1, connection.createArrayOf("uuid", unseen.keySet().toArray()));
                        try (ResultSet rows = seen.executeQuery()) {
                            long now = System.nanoTime();
                            while (rows.next()) {
                                Long committed = unseen.remove(rows.getObject(1, UUID.class));
                                if (committed != null) {
                                    lags.recordValue(Math.max(0, now - committed) / 1000);
                                }
                            }
                        }
                    }
                    pause(2);
                }
            } catch (SQLException | RuntimeException e) {
                failure = new IllegalStateException("a lag reader failed: " + e.getMessage(), e);
            }
        }

        Histogram finish(Duration timeout, String what) throws InterruptedException, SQLException {
            finishing = true;
            join(timeout.toMillis());
            try {
                if (failure != null) {
                    throw failure;
                }
                if (isAlive()) {
                    interrupt();
                    throw new IllegalStateException(unseen.size() + " bookings never reached the " + what + " within " + timeout);
                }
                return lags;
            } finally {
                connection.close();
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(settings);
    }

    /** The baseline's consumer: each poll's records inserted into treatment's database, then mailed and inserted into notifications'. */
    private final class PlainConsumer implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Connection treatment;
        private final Connection notifications;
        private final Transport smtp;
        private final Session mail = Session.getInstance(new Properties());
        private Thread thread;
        private volatile boolean closing;

        PlainConsumer() throws SQLException, MessagingException {
            Properties settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-lag-plain");
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer = new KafkaConsumer<>(settings);
            treatment = platform.connect("treatment-service");
            notifications = platform.connect("notifications-service");
            treatment.createStatement().execute(PLAIN_TABLE);
            notifications.createStatement().execute(PLAIN_TABLE);
            smtp = mail.getTransport("smtp");
            smtp.connect("127.0.0.1", platform.ports().smtp(), null, null);
        }

        void start(Map<Path, Reader> readers) {
            consumer.subscribe(List.of(PLAIN_TOPIC));
            // joined and placed at the end of the topic before the first row is sent
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            thread = new Thread(this::consume, "lag-plain-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        private void consume() {
            try (PreparedStatement intoTreatment = treatment.prepareStatement("INSERT INTO bench_lag_plain (id, body) VALUES (?, ?)");
                 PreparedStatement intoNotifications = notifications.prepareStatement("INSERT INTO bench_lag_plain (id, body) VALUES (?, ?)")) {
                while (!closing) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(50));
                    if (records.isEmpty()) {
                        continue;
                    }
                    insert(intoTreatment, records);
                    for (ConsumerRecord<String, String> record : records) {
                        MimeMessage message = new MimeMessage(mail);
                        message.setFrom(new InternetAddress("no-reply@soleus.local"));
                        message.setRecipient(Message.RecipientType.TO, new InternetAddress("plain@example.org"));
                        message.setSubject("Your session is booked");
                        message.setText("Session " + record.value() + " is booked.", StandardCharsets.UTF_8.name());
                        smtp.sendMessage(message, message.getAllRecipients());
                    }
                    insert(intoNotifications, records);
                    consumer.commitSync();
                }
            } catch (SQLException | MessagingException | RuntimeException e) {
                if (!closing) {
                    throw new IllegalStateException("the baseline's consumer failed", e);
                }
            }
        }

        private static void insert(PreparedStatement insert, ConsumerRecords<String, String> records) throws SQLException {
            for (ConsumerRecord<String, String> record : records) {
                insert.setObject(1, UUID.fromString(record.key()));
                insert.setString(2, record.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }

        @Override
        public void close() throws Exception {
            closing = true;
            if (thread != null) {
                thread.join(10_000);
            }
            consumer.close();
            smtp.close();
            treatment.close();
            notifications.close();
        }
    }

    private String post(int port, String path, Object body, String idField) {
        return send(port, "POST", path, body).path(idField).asText();
    }

    private JsonNode send(int port, String method, String path, Object body) {
        PlatformHttp.Answer answer = admin.send(port, adminToken, method, path, body);
        if (!answer.ok()) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A reader's polling interval: the instrument's resolution, not a wait for a condition. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
