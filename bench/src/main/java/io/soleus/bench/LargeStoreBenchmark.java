package io.soleus.bench;

/**
 * Workload 5: bookings and aggregate loading on a store of {@code events} generated events beside
 * the same on the small store (see {@link BookingThroughputBenchmark#largeStore}). Run it with
 * {@code bench/run.sh large-store [events] [seconds] [callers]}.
 */
public final class LargeStoreBenchmark {

    private LargeStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        BookingThroughputBenchmark.largeStore(events, seconds, callers);
    }
}
