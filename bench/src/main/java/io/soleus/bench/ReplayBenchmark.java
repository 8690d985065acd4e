package io.soleus.bench;

import static io.soleus.bench.BridgeBenchmark.rate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.SoleusInfrastructure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 3: the scheduling read model rebuilt from a store of generated events, beside a plain
 * sequential read of the same table. A practice (four clinics, eight therapists each) is set up
 * through the service's commands; its sessions are generated as events and appended straight to the
 * store, each booked, rescheduled once and then attended or missed, a thousand sessions at a time
 * as real traffic interleaves them. The projection is then reset (its tables emptied) and replayed,
 * from its start until its token has passed the last event. Run it with
 * {@code bench/run.sh replay [events]}.
 */
public final class ReplayBenchmark {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int CLINICS = 4;
    private static final int THERAPISTS_PER_CLINIC = 8;

    private final Commands commands;
    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final EventProcessingConfiguration processing;
    private final List<GeneratedSessions.Therapist> therapists = new ArrayList<>();
    private final SessionTypeId type = SessionTypeId.random();
    private int sessions;

    private ReplayBenchmark(ConfigurableApplicationContext booking) {
        this.commands = booking.getBean(Commands.class);
        this.eventStore = booking.getBean(EventStore.class);
        this.transaction = booking.getBean(TransactionTemplate.class);
        this.jdbc = booking.getBean(JdbcTemplate.class);
        this.dataSource = booking.getBean(DataSource.class);
        this.processing = booking.getBean(EventProcessingConfiguration.class);
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Report report = new Report("replay", "Rebuilding the scheduling read model from the event store",
                "a plain sequential read of the same table", "bench/run.sh replay " + events);
        try (ConfigurableApplicationContext booking = BookingService.start("bench-replay")) {
            ReplayBenchmark benchmark = new ReplayBenchmark(booking);
            benchmark.practice();
            long stored = benchmark.load(events);
            double plain = readPlainly(benchmark.dataSource, benchmark.transaction, stored);
            double replay = benchmark.replay(stored);
            report.add(new Report.Figure("scheduling read model", String.format(Locale.ROOT, "%,d events", stored),
                    "replay", "events/s", replay, plain, false));
            report.note("store", "%,d events: a practice of %d clinics and %d therapists set up through commands, then %,d"
                    .formatted(stored, CLINICS, CLINICS * THERAPISTS_PER_CLINIC, benchmark.sessions)
                    + " sessions generated as events, each booked, rescheduled and attended or missed");
            report.note("replay", "the scheduling projection reset (its tables emptied) and started, until its token passed"
                    + " the last event; the baseline reads every column of every row in global order, 1,000 rows a fetch");
            report.publish();
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    private void practice() {
        for (int c = 0; c < CLINICS; c++) {
            ClinicId clinic = ClinicId.random();
            List<Room> rooms = new ArrayList<>();
            for (int t = 0; t < THERAPISTS_PER_CLINIC; t++) {
                rooms.add(new Room(RoomId.random(), "Room " + (t + 1)));
            }
            commands.send(new OpenClinic(clinic, "Clinic " + (c + 1), c + 1 + " River Walk", LONDON,
                    BookingThroughputBenchmark.everyDay(), rooms, null));
            for (int t = 0; t < THERAPISTS_PER_CLINIC; t++) {
                TherapistId therapist = TherapistId.random();
                commands.send(new RegisterTherapist(therapist, "Therapist " + (t + 1), Set.of(clinic)));
                therapists.add(new GeneratedSessions.Therapist(therapist, clinic, rooms.get(t).roomId()));
            }
        }
        commands.send(new DefineSessionType(type, "Follow-up", Duration.ofMinutes(30), Duration.ofMinutes(15),
                new HashSet<>(therapists.stream().map(GeneratedSessions.Therapist::id).toList())));
    }

    /** Appends the sessions' events with every processor stopped; answers the store's size. */
    private long load(int events) {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long started = System.nanoTime();
        sessions = Math.max(1, events / GeneratedSessions.EVENTS_PER_SESSION);
        GeneratedSessions.append(eventStore, transaction, therapists, type, sessions, Instant.parse("2027-01-04T08:00:00Z"));
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        System.out.printf(Locale.ROOT, "loaded %,d events in %.1f s%n", stored, (System.nanoTime() - started) / 1e9);
        return stored;
    }

    /** PostgreSQL's pace for the same rows: every column of every row, in global order, 1,000 rows a fetch. */
    static double readPlainly(DataSource dataSource, TransactionTemplate transaction, long stored) {
        JdbcTemplate reading = new JdbcTemplate(dataSource);
        reading.setFetchSize(1_000);
        long[] read = {0};
        long started = System.nanoTime();
        transaction.executeWithoutResult(status -> reading.query("""
                SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry ORDER BY global_index""", row -> {
            if (row.getBytes(9).length > 0 && row.getBytes(10) != null && row.getString(2) != null && row.getString(6) != null) {
                read[0]++;
            }
        }));
        if (read[0] != stored) {
            throw new IllegalStateException("read " + read[0] + " of " + stored + " events");
        }
        return rate(read[0], started);
    }

    private double replay(long stored) {
        StreamingEventProcessor scheduling = processing
                .eventProcessor(SchedulingProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        scheduling.resetTokens();
        if (jdbc.queryForObject("SELECT count(*) FROM scheduling_session", Long.class) != 0) {
            throw new IllegalStateException("the reset left sessions in the read model");
        }
        long started = System.nanoTime();
        ((EventProcessor) scheduling).start();
        ReadModels.awaitCaughtUp(scheduling, jdbc, Duration.ofMinutes(30));
        double rate = rate(stored, started);
        long rebuilt = jdbc.queryForObject("SELECT count(*) FROM scheduling_session WHERE status <> 'BOOKED'", Long.class);
        if (rebuilt != sessions) {
            throw new IllegalStateException("the replay rebuilt " + rebuilt + " ended sessions of " + sessions);
        }
        return rate;
    }
}
