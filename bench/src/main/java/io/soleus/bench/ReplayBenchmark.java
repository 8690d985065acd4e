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
import io.soleus.treatment.outcome.OutcomeProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 3: the scheduling read model (booking) and the outcome read model (treatment) rebuilt from
 * stores of generated events, each beside a plain sequential read of the same table. For scheduling, a
 * practice (four clinics, eight therapists each) is set up through the service's commands and its
 * sessions are generated as events ({@link GeneratedSessions}); for outcomes, cases of the reference
 * case's shape ({@link GeneratedCases}), sealed as the service seals them. Both are appended straight
 * to the store with every processor stopped. Each projection is then reset (its tables emptied) and
 * replayed, from its start until its token has passed the last event, and the read model is checked.
 * Run it with {@code bench/run.sh replay [events]} (events per store).
 */
public final class ReplayBenchmark {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int CLINICS = 4;
    private static final int THERAPISTS_PER_CLINIC = 8;

    private final Commands commands;
    private final List<GeneratedSessions.Therapist> therapists = new ArrayList<>();
    private final SessionTypeId type = SessionTypeId.random();

    private ReplayBenchmark(ConfigurableApplicationContext booking) {
        this.commands = booking.getBean(Commands.class);
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Report report = new Report("replay", "Rebuilding the scheduling and outcome read models from their event stores",
                "a plain sequential read of the same table", "bench/run.sh replay " + events);
        try {
            try (ConfigurableApplicationContext booking = Services.booking("bench-replay")) {
                scheduling(booking, events, report);
            }
            try (ConfigurableApplicationContext treatment = Services.treatment("bench-replay-treatment")) {
                outcomes(treatment, events, report);
            }
            report.note("replay", "each projection reset (its tables emptied) and started, until its token passed the last"
                    + " event; the baseline reads every column of every row in global order, 1,000 rows a fetch");
            report.publish();
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    private static void scheduling(ConfigurableApplicationContext booking, int events, Report report) {
        ReplayBenchmark benchmark = new ReplayBenchmark(booking);
        benchmark.practice();
        Store store = new Store(booking);
        int sessions = Math.max(1, events / GeneratedSessions.EVENTS_PER_SESSION);
        long stored = store.load(() -> GeneratedSessions.append(store.eventStore(), store.transaction(), benchmark.therapists,
                benchmark.type, sessions, Instant.parse("2027-01-04T08:00:00Z")));
        double plain = store.readPlainly(stored);
        double replay = store.replay(SchedulingProjection.GROUP, stored);
        store.expect("ended sessions", "SELECT count(*) FROM scheduling_session WHERE status <> 'BOOKED'", sessions);
        report.add(new Report.Figure("scheduling read model", String.format(Locale.ROOT, "%,d events", stored),
                "replay", "events/s", replay, plain, false));
        report.note("scheduling store", "%,d events: a practice of %d clinics and %d therapists set up through commands, then %,d"
                .formatted(stored, CLINICS, CLINICS * THERAPISTS_PER_CLINIC, sessions)
                + " sessions generated as events, each booked, rescheduled and attended or missed");
    }

    private static void outcomes(ConfigurableApplicationContext treatment, int events, Report report) {
        Store store = new Store(treatment);
        List<GeneratedCases.Therapist> therapists = new ArrayList<>();
        for (int c = 0; c < CLINICS; c++) {
            ClinicId clinic = ClinicId.random();
            for (int t = 0; t < THERAPISTS_PER_CLINIC; t++) {
                therapists.add(new GeneratedCases.Therapist(TherapistId.random(), clinic));
            }
        }
        int cases = Math.max(1, events / GeneratedCases.EVENTS_PER_CASE);
        long stored = store.load(() -> GeneratedCases.append(store.eventStore(), store.transaction(), therapists, cases,
                Instant.parse("2027-01-04T08:00:00Z")));
        double plain = store.readPlainly(stored);
        double replay = store.replay(OutcomeProjection.GROUP, stored);
        store.expect("discharged cases with a meaningful change",
                "SELECT count(*) FROM outcome_case WHERE discharged_at IS NOT NULL AND meaningful_at IS NOT NULL", cases);
        store.expect("assessments", "SELECT count(*) FROM outcome_assessment", (long) cases * GeneratedCases.ASSESSMENTS_PER_CASE);
        report.add(new Report.Figure("outcome read model", String.format(Locale.ROOT, "%,d events", stored),
                "replay", "events/s", replay, plain, false));
        report.note("outcome store", "%,d events: %,d cases of %d therapists at %d clinics generated as events, each opened,"
                .formatted(stored, cases, therapists.size(), CLINICS)
                + " assessed and treated at four sessions, given a plan, logged and discharged; personal values sealed");
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

    /** A service's event store and the processors that read it. */
    private record Store(EventStore eventStore, TransactionTemplate transaction, JdbcTemplate jdbc, DataSource dataSource,
                         EventProcessingConfiguration processing) {

        Store(ConfigurableApplicationContext service) {
            this(service.getBean(EventStore.class), service.getBean(TransactionTemplate.class), service.getBean(JdbcTemplate.class),
                    service.getBean(DataSource.class), service.getBean(EventProcessingConfiguration.class));
        }

        /** Runs the loader with every processor stopped; answers the store's size. */
        long load(Runnable loader) {
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            long started = System.nanoTime();
            loader.run();
            long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            System.out.printf(Locale.ROOT, "loaded %,d events in %.1f s%n", stored, (System.nanoTime() - started) / 1e9);
            return stored;
        }

        /** PostgreSQL's pace for the same rows: every column of every row, in global order, 1,000 rows a fetch. */
        double readPlainly(long stored) {
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

        /** Events per second to rebuild a processing group's read model from the start of a store of {@code stored} events. */
        double replay(String group, long stored) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
            processor.resetTokens();
            long started = System.nanoTime();
            ((EventProcessor) processor).start();
            ReadModels.awaitCaughtUp(processor, jdbc, Duration.ofMinutes(30));
            return rate(stored, started);
        }

        /** Fails the run unless {@code query} counts {@code expected} rows in the rebuilt read model. */
        void expect(String what, String query, long expected) {
            long found = jdbc.queryForObject(query, Long.class);
            if (found != expected) {
                throw new IllegalStateException("the replay rebuilt " + found + " " + what + " of " + expected);
            }
        }
    }
}
