package io.soleus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import io.soleus.bench.Report.Figure;
import io.soleus.booking.Hours;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.command.Commands;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.TestTokens;
import org.HdrHistogram.Histogram;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Workload 1: closed-loop callers (1, 8, 32, 128) each booking distinct free slots over HTTP, as
 * clients booking online do (their own token, JSON in and out), in two practices: a real practice's
 * spread (four clinics, eight therapists and rooms each) and the one-clinic worst case (sixteen
 * therapists at one clinic, all booking the same days). Every booking is meant to succeed; a refusal
 * or error fails the run. The baseline is PostgreSQL's raw ceiling for the same
 * writes: plain JDBC transactions, at the same concurrency, appending as many rows of the same size
 * as a booking appends to the event store. Each (practice, callers) level gets a practice of its own,
 * so every level starts on empty days. Run it with {@code bench/run.sh bookings [seconds per level] [callers, comma-separated]}.
 */
public final class BookingThroughputBenchmark {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalTime OPENS = LocalTime.of(8, 0);
    private static final int SLOTS_PER_DAY = 24;
    private static final int[] CALLERS = {1, 8, 32, 128};
    private static final int PLAIN_CONNECTIONS = 48;

    /** How a practice spreads its bookings. */
    record Shape(String name, int clinics, int therapistsPerClinic) {
    }

    static final List<Shape> SHAPES = List.of(new Shape("four clinics", 4, 8), new Shape("one clinic", 1, 16));

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int[] levels = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : CALLERS;
        Report report = new Report("bookings", "Bookings over HTTP, closed-loop callers",
                "plain JDBC transactions appending the same rows", "bench/run.sh bookings " + (args.length > 0 ? args[0] : ""));
        try (ConfigurableApplicationContext booking = Services.booking("bench-bookings")) {
            BookingThroughputBenchmark benchmark = new BookingThroughputBenchmark(booking);
            benchmark.warmUp(seconds);
            for (Shape shape : SHAPES) {
                for (int callers : levels) {
                    benchmark.level(report, shape, callers, seconds);
                }
            }
            report.note("rows", benchmark.rowsPerBooking + " event rows per booking, payloads of " + benchmark.payloadBytes
                    + " bytes and metadata of " + benchmark.metaDataBytes + " bytes on average; the baseline appends as many");
            report.note("connections", "the service's pool holds " + benchmark.poolSize
                    + " connections; the baseline's holds one per caller, at most " + PLAIN_CONNECTIONS
                    + " (PostgreSQL here takes 100)");
            report.publish();
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    /**
     * Workload 6: the same bookings on one instance of the booking service and on two sharing its
     * database and broker, the callers taking the instances in turn; "baseline" is one instance.
     */
    static void scaleOut(double seconds, int[] levels) throws Exception {
        Report report = new Report("scale-out", "Bookings over HTTP on two booking-service instances beside one",
                "one instance", "bench/run.sh scale-out " + seconds);
        Shape shape = SHAPES.get(0);
        try (ConfigurableApplicationContext first = Services.booking("bench-scale-out");
             ConfigurableApplicationContext second = Services.anotherBooking(first)) {
            BookingThroughputBenchmark one = new BookingThroughputBenchmark(first);
            BookingThroughputBenchmark two = new BookingThroughputBenchmark(first, List.of(first, second));
            Practice warmUp = two.practice(shape, 8);
            run(8, Math.max(1, seconds / 2), index -> two.book(warmUp, index));
            for (int callers : levels) {
                Practice onOne = one.practice(shape, callers);
                Outcome single = run(callers, seconds, index -> one.book(onOne, index));
                Practice onTwo = two.practice(shape, callers);
                Outcome both = run(callers, seconds, index -> two.book(onTwo, index));
                String level = callers + (callers == 1 ? " caller" : " callers");
                report.add(new Figure(shape.name(), level, "throughput", "bookings/s", both.perSecond(), single.perSecond(), false));
                report.add(new Figure(shape.name(), level, "p99", "ms", both.millisAt(99), single.millisAt(99), true));
            }
            report.note("instances", "two Spring Boot applications in the benchmark's JVM, each with its own web server,"
                    + " connection pool (10) and event processors, on one PostgreSQL and one broker; the load generator"
                    + " and both share the machine's " + Runtime.getRuntime().availableProcessors() + " cores");
            report.publish();
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    long storeSize() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private final Commands commands;
    final JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Where bookings go: the instances' {@code /sessions}, taken in turn. */
    private final List<String> sessions;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String poolSize;
    private int rowsPerBooking;
    private int payloadBytes;
    private int metaDataBytes;

    BookingThroughputBenchmark(ConfigurableApplicationContext booking) {
        this(booking, List.of(booking));
    }

    private BookingThroughputBenchmark(ConfigurableApplicationContext booking, List<ConfigurableApplicationContext> instances) {
        this.commands = booking.getBean(Commands.class);
        this.jdbc = booking.getBean(JdbcTemplate.class);
        this.sessions = instances.stream().map(instance -> "http://localhost:"
                + ((ServletWebServerApplicationContext) instance).getWebServer().getPort() + "/sessions").toList();
        Environment environment = booking.getEnvironment();
        this.jdbcUrl = environment.getRequiredProperty("spring.datasource.url");
        this.user = environment.getRequiredProperty("spring.datasource.username");
        this.password = environment.getProperty("spring.datasource.password", "");
        this.poolSize = environment.getProperty("spring.datasource.hikari.maximum-pool-size", "10");
        // the event store's columns, keys and indexes, with a sequence of its own for the global index
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS bench_plain_booking (LIKE domain_event_entry INCLUDING INDEXES);
                CREATE SEQUENCE IF NOT EXISTS bench_plain_booking_index OWNED BY bench_plain_booking.global_index;
                ALTER TABLE bench_plain_booking ALTER COLUMN global_index SET DEFAULT nextval('bench_plain_booking_index')""");
    }

    private void warmUp(double seconds) throws Exception {
        // long enough for the JIT to compile the booking path, on both practices: the first measured
        // levels must not pay for it
        for (Shape shape : SHAPES) {
            Practice practice = practice(shape, 8);
            run(8, Math.max(1, seconds / 2), index -> book(practice, index));
        }
        measureRows();
        try (PlainAppends plain = new PlainAppends(8)) {
            run(8, Math.max(1, seconds / 4), plain::append);
        }
    }

    private void level(Report report, Shape shape, int callers, double seconds) throws Exception {
        Practice practice = practice(shape, callers);
        Outcome soleus = run(callers, seconds, index -> book(practice, index));
        Outcome plain;
        try (PlainAppends appends = new PlainAppends(callers)) {
            plain = run(callers, seconds, appends::append);
        }
        String level = callers + (callers == 1 ? " caller" : " callers");
        report.add(new Figure(shape.name(), level, "throughput", "bookings/s", soleus.perSecond(), plain.perSecond(), false));
        for (double percentile : new double[] {50, 99, 99.9}) {
            report.add(new Figure(shape.name(), level, "p" + (percentile == 99.9 ? "99.9" : (int) percentile), "ms",
                    soleus.millisAt(percentile), plain.millisAt(percentile), true));
        }
        System.out.printf(Locale.ROOT, "%-12s %-11s: %7.0f bookings/s, p99 %6.1f ms | plain %7.0f/s, p99 %6.1f ms%n",
                shape.name(), level, soleus.perSecond(), soleus.millisAt(99), plain.perSecond(), plain.millisAt(99));
    }

    /** One booking's attempt, by its place in the practice's sequence of free slots. */
    @FunctionalInterface
    interface Attempt {
        void run(long index) throws Exception;
    }

    record Outcome(long done, double seconds, Histogram latencies) {

        double perSecond() {
            return done / seconds;
        }

        double millisAt(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** {@code callers} threads, each attempting back to back until {@code seconds} have passed. */
    static Outcome run(int callers, double seconds, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        AtomicLong next = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Histogram>> results = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < callers; c++) {
            results.add(pool.submit(() -> {
                Histogram latencies = new Histogram(60_000_000L, 3);
                ready.countDown();
                go.await();
                long end = window[1];
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    attempt.run(next.getAndIncrement());
                    latencies.recordValue((System.nanoTime() - started) / 1000);
                }
                return latencies;
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        Histogram all = new Histogram(60_000_000L, 3);
        try {
            for (Future<Histogram> result : results) {
                all.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        return new Outcome(all.getTotalCount(), elapsed, all);
    }

    /** The practice's free slots, in order: every therapist at every clinic at 08:00 on the first day, then 08:30, … */
    record Practice(List<ClinicId> clinicOfTherapist, List<TherapistId> therapists, SessionTypeId type,
                            List<ClientId> clients, List<String> tokens, LocalDate first) {
    }

    void book(Practice practice, long index) throws Exception {
        int therapist = (int) (index % practice.therapists().size());
        long slot = index / practice.therapists().size();
        LocalDate day = practice.first().plusDays(slot / SLOTS_PER_DAY);
        LocalTime time = OPENS.plusMinutes(30 * (slot % SLOTS_PER_DAY));
        int client = (int) (index % practice.clients().size());
        String body = """
                {"therapistId":"%s","clinicId":"%s","sessionTypeId":"%s","start":"%s"}""".formatted(
                practice.therapists().get(therapist), practice.clinicOfTherapist().get(therapist), practice.type(),
                day.atTime(time).atZone(LONDON).toInstant());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sessions.get((int) (index % sessions.size()))))
                .header("Authorization", "Bearer " + practice.tokens().get(client))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("A booking of a free slot answered " + response.statusCode() + ": " + response.body());
        }
    }

    Practice practice(Shape shape, int callers) {
        List<ClinicId> clinicOfTherapist = new ArrayList<>();
        List<TherapistId> therapists = new ArrayList<>();
        for (int c = 0; c < shape.clinics(); c++) {
            ClinicId clinic = ClinicId.random();
            List<Room> rooms = new ArrayList<>();
            for (int r = 0; r < shape.therapistsPerClinic(); r++) {
                rooms.add(new Room(RoomId.random(), "Room " + (r + 1)));
            }
            commands.send(new OpenClinic(clinic, "Clinic " + (c + 1), c + 1 + " River Walk", LONDON, everyDay(), rooms, null));
            for (int t = 0; t < shape.therapistsPerClinic(); t++) {
                TherapistId therapist = TherapistId.random();
                commands.send(new RegisterTherapist(therapist, "Therapist " + (t + 1), Set.of(clinic)));
                commands.send(new SetWeeklyAvailability(therapist, clinic, everyDay()));
                therapists.add(therapist);
                clinicOfTherapist.add(clinic);
            }
        }
        SessionTypeId type = SessionTypeId.random();
        commands.send(new DefineSessionType(type, "Follow-up", Duration.ofMinutes(30), Duration.ZERO, new HashSet<>(therapists)));
        // more clients than therapists, so no client is booked twice at one time
        int clientCount = Math.max(4 * therapists.size(), 2 * callers);
        List<ClientId> clients = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            ClientId client = ClientId.random();
            commands.send(new RegisterClient(client, "Client " + i, "client" + i + "@example.org", null, Channel.EMAIL, true, "en"));
            clients.add(client);
            tokens.add(TestTokens.client(client.toString()));
        }
        return new Practice(clinicOfTherapist, therapists, type, clients, tokens, LocalDate.now(LONDON).plusDays(1));
    }

    /** How many event rows a booking appends (its session's and its reservations), and their sizes: what the baseline appends. */
    private void measureRows() {
        Map<String, Object> sample = jdbc.queryForMap("""
                SELECT count(*) AS events, avg(octet_length(payload)) AS payload, avg(octet_length(meta_data)) AS meta_data,
                       count(*) FILTER (WHERE payload_type LIKE '%SessionBooked') AS bookings
                FROM domain_event_entry WHERE payload_type LIKE '%SessionBooked' OR payload_type LIKE '%SlotReserved'""");
        long bookings = ((Number) sample.get("bookings")).longValue();
        rowsPerBooking = (int) Math.round(((Number) sample.get("events")).doubleValue() / bookings);
        payloadBytes = (int) Math.round(((Number) sample.get("payload")).doubleValue());
        metaDataBytes = (int) Math.round(((Number) sample.get("meta_data")).doubleValue());
    }

    /**
     * The baseline: per attempt one transaction appending a booking's worth of rows. PostgreSQL here
     * takes 100 connections, so at most {@value #PLAIN_CONNECTIONS} callers hold one at a time.
     */
    private final class PlainAppends implements AutoCloseable {

        private final HikariDataSource connections = new HikariDataSource();
        private final byte[] payload = new byte[payloadBytes];
        private final byte[] metaData = new byte[metaDataBytes];

        PlainAppends(int callers) {
            connections.setJdbcUrl(jdbcUrl);
            connections.setUsername(user);
            connections.setPassword(password);
            connections.setAutoCommit(false);
            connections.setMaximumPoolSize(Math.min(callers, PLAIN_CONNECTIONS));
            connections.setMinimumIdle(Math.min(callers, PLAIN_CONNECTIONS));
        }

        void append(long index) throws SQLException {
            try (Connection connection = connections.getConnection();
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO bench_plain_booking (aggregate_identifier, sequence_number, type, event_identifier,
                             meta_data, payload, payload_revision, payload_type, time_stamp)
                         VALUES (?, 0, 'Schedule', ?, ?, ?, '1', 'io.soleus.booking.schedule.ScheduleEvents$Reserved', ?)""")) {
                for (int row = 0; row < rowsPerBooking; row++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setBytes(3, metaData);
                    insert.setBytes(4, payload);
                    insert.setString(5, Instant.now().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
        }

        @Override
        public void close() {
            connections.close();
        }
    }

    static WeeklyHours everyDay() {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new Hours(OPENS, OPENS.plusMinutes(30L * SLOTS_PER_DAY))));
        }
        return new WeeklyHours(week);
    }
}
