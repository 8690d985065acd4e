package io.soleus.bench;

import java.util.Arrays;

/**
 * Workload 6: bookings over HTTP on two instances of the booking service beside one (see
 * {@link BookingThroughputBenchmark#scaleOut}). Run it with {@code bench/run.sh scale-out [seconds per level] [callers]}.
 */
public final class ScaleOutBenchmark {

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int[] levels = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {8, 32};
        BookingThroughputBenchmark.scaleOut(seconds, levels);
    }
}
