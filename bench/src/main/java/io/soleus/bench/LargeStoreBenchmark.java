package io.soleus.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.soleus.bench.BookingThroughputBenchmark.Outcome;
import io.soleus.bench.BookingThroughputBenchmark.Practice;
import io.soleus.bench.BookingThroughputBenchmark.Shape;
import io.soleus.bench.Report.Figure;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.test.SoleusInfrastructure;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 5: the bookings of workload 1 (four clinics) and the loading of the aggregates they made,
 * on the store as the practice left it, then again once {@code events} generated session events have
 * been appended to the same store; "baseline" is the small store. Each measurement books a practice of
 * its own; the aggregates loaded are the same. Run it with
 * {@code bench/run.sh large-store [events] [seconds] [callers]}.
 */
public final class LargeStoreBenchmark {

    private final ConfigurableApplicationContext booking;
    private final BookingThroughputBenchmark bookings;
    private final Shape shape = BookingThroughputBenchmark.SHAPES.get(0);
    private final int callers;
    private final double seconds;

    private LargeStoreBenchmark(ConfigurableApplicationContext booking, int callers, double seconds) {
        this.booking = booking;
        this.bookings = new BookingThroughputBenchmark(booking);
        this.callers = callers;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Report report = new Report("large-store", "Bookings and aggregate loading with a large store beside a small one",
                "the same on the store before it was filled", "bench/run.sh large-store " + events + " " + seconds);
        // every load reads the store: histories held in memory would hide what its size costs
        try (ConfigurableApplicationContext booking = Services.booking("bench-large-store",
                Map.of("soleus.event-store.held-events", 0))) {
            new LargeStoreBenchmark(booking, callers, seconds).measure(events, report);
            report.publish();
        } finally {
            SoleusInfrastructure.get().close();
        }
    }

    private void measure(int events, Report report) throws Exception {
        // twice as long as a measured run: with half of it, the small store's bookings still paid for
        // the compiler and the large store's came out a third faster
        Practice warmUp = bookings.practice(shape, callers);
        BookingThroughputBenchmark.run(callers, 2 * seconds, index -> bookings.book(warmUp, index));
        List<String> aggregates = bookings.jdbc.queryForList(
                "SELECT DISTINCT aggregate_identifier FROM domain_event_entry LIMIT 5000", String.class);
        AggregateLoads loads = new AggregateLoads(booking.getBean(EventStore.class), aggregates);
        loads.measure();
        Histogram smallLoads = loads.measure();
        long smallStore = bookings.storeSize();
        Outcome small = book();

        fill(events);
        long largeStore = bookings.storeSize();
        Histogram largeLoads = loads.measure();
        Outcome large = book();

        String level = callers + " callers";
        report.add(new Figure("bookings", level, "throughput", "bookings/s", large.perSecond(), small.perSecond(), false));
        report.add(new Figure("bookings", level, "p50", "ms", large.millisAt(50), small.millisAt(50), true));
        report.add(new Figure("bookings", level, "p99", "ms", large.millisAt(99), small.millisAt(99), true));
        String each = aggregates.size() + " aggregates";
        report.add(new Figure("aggregate loading", each, "p50", "ms", largeLoads.getValueAtPercentile(50) / 1000.0,
                smallLoads.getValueAtPercentile(50) / 1000.0, true));
        report.add(new Figure("aggregate loading", each, "p99", "ms", largeLoads.getValueAtPercentile(99) / 1000.0,
                smallLoads.getValueAtPercentile(99) / 1000.0, true));
        report.note("store", String.format(Locale.ROOT, "%,d events before, %,d after: %,d generated sessions of 64 other"
                + " therapists, each booked, rescheduled and attended or missed", smallStore, largeStore,
                events / GeneratedSessions.EVENTS_PER_SESSION));
        report.note("settling", "after the load, the store vacuumed and analysed and a checkpoint taken, as a store that grew"
                + " over time is kept by autovacuum and the checkpointer");
        report.note("held histories", "off (soleus.event-store.held-events=0): every aggregate load reads the store");
        report.note("processors", "stopped while the events were appended, then moved past them: the bookings and aggregate"
                + " loads read the event store, not the read models (the scheduling projection's replay is workload 3)");
        report.note("loading", "every event of each aggregate the practice's bookings made (sessions, room-days, clients,"
                + " therapists, clinics) read from the store and its payload deserialized, one aggregate at a time, three rounds over them");
    }

    /** The practice's bookings, from a fresh practice. */
    private Outcome book() throws Exception {
        Practice practice = bookings.practice(shape, callers);
        return BookingThroughputBenchmark.run(callers, seconds, index -> bookings.book(practice, index));
    }

    /**
     * Appends the generated sessions with the processors stopped, then moves them past what was
     * appended: tailing Axon's embedded event store from behind a loader that appends faster than they
     * read, they kept every event since their position on the heap (AxonFramework#2954: 3.8 million
     * events in six gigabytes). The bookings and aggregate loads measured read the event store, not
     * the read models. Then settles the store as one that grew over years is kept: vacuumed and its
     * pages written (straight after the load, autovacuum's first pass and the checkpoint competed with
     * the measurement: aggregate loads p50 0.11 against 0.06 ms in one such run).
     */
    private void fill(int events) {
        Collection<EventProcessor> processors = booking.getBean(EventProcessingConfiguration.class).eventProcessors().values();
        processors.forEach(EventProcessor::shutDown);
        long started = System.nanoTime();
        long before = bookings.storeSize();
        List<GeneratedSessions.Therapist> elsewhere = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            elsewhere.add(new GeneratedSessions.Therapist(TherapistId.random(), ClinicId.random(), RoomId.random()));
        }
        GeneratedSessions.append(booking.getBean(EventStore.class), booking.getBean(TransactionTemplate.class), elsewhere,
                SessionTypeId.random(), events / GeneratedSessions.EVENTS_PER_SESSION, Instant.parse("2030-01-07T08:00:00Z"));
        double loaded = (System.nanoTime() - started) / 1e9;
        long appended = bookings.storeSize() - before;
        System.out.printf(Locale.ROOT, "appended %,d events in %.0f s (%,.0f events/s)%n", appended, loaded, appended / loaded);
        moveTokensToHead(processors);
        processors.forEach(EventProcessor::start);

        long settling = System.nanoTime();
        bookings.jdbc.execute("VACUUM (ANALYZE) domain_event_entry");
        bookings.jdbc.execute("CHECKPOINT");
        System.out.printf(Locale.ROOT, "vacuumed the store and wrote its pages in %.0f s%n", (System.nanoTime() - settling) / 1e9);
    }

    /** Moves every segment of the (stopped) processors to the head of the store, as if they had read everything in it. */
    private void moveTokensToHead(Collection<EventProcessor> processors) {
        TokenStore tokens = booking.getBean(TokenStore.class);
        TrackingToken head = booking.getBean(EventStore.class).createHeadToken();
        booking.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            for (EventProcessor processor : processors) {
                if (processor instanceof StreamingEventProcessor) {
                    for (int segment : tokens.fetchSegments(processor.getName())) {
                        tokens.fetchToken(processor.getName(), segment);
                        tokens.storeToken(head, processor.getName(), segment);
                        tokens.releaseClaim(processor.getName(), segment);
                    }
                }
            }
        });
    }

    /** Reads each aggregate's events from the store and deserializes them: the store's part of loading an aggregate. */
    private record AggregateLoads(EventStore store, List<String> aggregates) {

        /** Three rounds over every aggregate. */
        Histogram measure() {
            Histogram latencies = new Histogram(60_000_000L, 3);
            for (int round = 0; round < 3; round++) {
                for (String aggregate : aggregates) {
                    latencies.recordValue(load(aggregate));
                }
            }
            return latencies;
        }

        /** Microseconds to read one aggregate's events and deserialize their payloads. */
        private long load(String aggregate) {
            long started = System.nanoTime();
            long events = store.readEvents(aggregate).asStream().filter(event -> event.getPayload() != null).count();
            if (events == 0) {
                throw new IllegalStateException("aggregate " + aggregate + " has no events");
            }
            return (System.nanoTime() - started) / 1000;
        }
    }
}
