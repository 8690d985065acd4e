package io.soleus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.soleus.bench.EndToEndLag.Lags;
import io.soleus.bench.Report.Figure;
import io.soleus.deploy.local.LocalPlatform;
import org.HdrHistogram.Histogram;

/**
 * Workload 2: end-to-end lag at a fixed offered load ({@link EndToEndLag}), on the whole platform
 * started as in production (each service its own JVM with the optimising compiler, a PostgreSQL
 * server and a Kafka broker of its own, GreenMail as the SMTP server). Run it with
 * {@code bench/run.sh lag [bookings per second, comma-separated] [seconds]}; it ends by itself.
 */
public final class EndToEndLagBenchmark {

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream((args.length > 0 ? args[0] : "50,100,200").split(",")).mapToInt(Integer::parseInt).toArray();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        Path root = Path.of("").toAbsolutePath();
        LocalPlatform platform = LocalPlatform.forSystemTests(root, root.resolve("bench/target/lag")).compiledFully();
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-lag-bench"));
        try {
            platform.start();
            run(platform, rates, seconds, "bench/run.sh lag " + String.join(" ", args));
        } finally {
            platform.stop();
        }
    }

    /**
     * On a running platform: warms the services up at the highest rate, then at each rate measures
     * Soleus and the baseline for {@code seconds} each; prints and writes the report, and answers where
     * its JSON went.
     */
    public static Path run(LocalPlatform platform, int[] rates, double seconds, String command) throws Exception {
        EndToEndLag lag = new EndToEndLag(platform);
        // thousands of bookings, so the services' optimising compilers are done with the booking, projection and
        // mail paths before anything is measured (with fewer, a third of booking's CPU went to compiling)
        int fastest = Arrays.stream(rates).max().orElseThrow();
        lag.soleus(fastest, Math.min(seconds, 30));
        lag.plain(fastest, Math.min(seconds, 5));
        Report report = new Report("lag", "End-to-end lag at a fixed offered load (open loop)",
                "a plain pipeline: row committed, plain producer and consumer, row inserted, mail sent", command);
        for (int rate : rates) {
            Lags soleus = lag.soleus(rate, seconds);
            Lags plain = lag.plain(rate, seconds);
            String level = rate + "/s";
            report.add(new Figure("offered load", level, "answered", "per s", soleus.perSecond(), plain.perSecond(), false));
            add(report, "booking answer", level, soleus.answers(), plain.answers());
            for (EndToEndLag.Path path : EndToEndLag.Path.values()) {
                add(report, path.title, level, soleus.paths().get(path), plain.paths().get(path));
            }
            report.note("cpu at " + level, cpuPerBooking(soleus));
            System.out.printf(Locale.ROOT, "%d/s: %d bookings offered in %.1f s, every one seen on every path; mail p99 %.0f ms%n",
                    rate, soleus.offered(), soleus.seconds(), soleus.paths().get(EndToEndLag.Path.MAIL).getValueAtPercentile(99) / 1000.0);
        }
        report.note("answer", "from the booking's request to its answer (201); the baseline's from its row's INSERT to its commit");
        report.note("lag", "from the booking's answer to the first poll that sees it, polled every 2 ms per database; "
                + "treatment's operations counts are read from the sessions it shows");
        report.note("baseline", "the scheduling read model's baseline is the reader's own floor (the committed row seen in the "
                + "same database); treatment's is the row over Kafka into its database; the mail's adds an SMTP send on one "
                + "open connection");
        return report.publish();
    }

    /** Each part's processor time per booking, the busiest first, and what they add up to. */
    private static String cpuPerBooking(Lags lags) {
        double total = lags.cpu().values().stream().mapToDouble(Duration::toNanos).sum() / 1e6 / lags.offered();
        return "processor time per booking, from the first offer until the last was seen everywhere: " + lags.cpu().entrySet()
                .stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .map(part -> String.format(Locale.ROOT, "%s %.1f ms", part.getKey(), part.getValue().toNanos() / 1e6 / lags.offered()))
                .collect(Collectors.joining(", ")) + String.format(Locale.ROOT, "; %.1f ms in all", total);
    }

    private static void add(Report report, String scenario, String level, Histogram soleus, Histogram plain) {
        for (int percentile : new int[] {50, 99}) {
            report.add(new Figure(scenario, level, "p" + percentile, "ms", soleus.getValueAtPercentile(percentile) / 1000.0,
                    plain.getValueAtPercentile(percentile) / 1000.0, true));
        }
    }
}
