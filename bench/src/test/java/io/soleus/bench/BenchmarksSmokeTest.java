package io.soleus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each benchmark once, small (the arguments, split at spaces), as {@code bench/run.sh} runs it (a JVM of its own through {@link Run}):
 * it must end by itself, successfully, and print its figures. The figures are not judged here (the
 * smoke run's JVM compiles quickly rather than well, to start sooner). The benchmarks that need the
 * whole platform have their smoke runs in the system tests, which start it: the dashboard's in the
 * browser journeys, the end-to-end lag's beside the reference case.
 */
class BenchmarksSmokeTest {

    @TempDir
    Path output;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "BridgeBenchmark            | 400 | publish          400 events   throughput events/s   | bridge",
            "FreeSlotBenchmark          | 3   | over HTTP with JSON: clinic, 20 therapists, 7 days   |",
            "BookingThroughputBenchmark | 0.5 | throughput bookings/s                                | bookings",
            "ReplayBenchmark            | 3000 | replay events/s                                     | replay",
            "LargeStoreBenchmark        | 3000 0.5 8 | aggregate loading                            | large-store",
            "ScaleOutBenchmark          | 0.5 | throughput bookings/s                                | scale-out",
            "NotificationBenchmark      | 20  | mails received by the SMTP server: 20                |"})
    void ends_by_itself_and_prints_its_figures(String benchmark, String arguments, String figures, String report)
            throws IOException, InterruptedException {
        Path log = output.resolve(benchmark + ".log");
        Path results = output.resolve("results");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dsoleus.bench.results=" + results, "-cp",
                System.getProperty("java.class.path"), Run.class.getName(), Run.class.getPackageName() + "." + benchmark));
        command.addAll(List.of(arguments.split(" ")));
        Process run = new ProcessBuilder(command)
                .directory(Path.of("..").toAbsolutePath().normalize().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean ended = run.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(ended).as("%s ends by itself; it printed:%n%s", benchmark, tail(printed)).isTrue();
        assertThat(run.exitValue()).as("%s succeeds; it printed:%n%s", benchmark, tail(printed)).isZero();
        assertThat(printed).contains(figures);
        if (report != null) {
            Matcher written = Pattern.compile("results: (\\S+-" + report + ")\\.json").matcher(printed);
            assertThat(written.find()).as("%s names its results; it printed:%n%s", benchmark, tail(printed)).isTrue();
            Path json = Path.of(written.group(1) + ".json");
            assertThat(json).as("the figures as JSON").startsWithRaw(results).isNotEmptyFile();
            assertThat(Files.readString(json)).contains("\"baseline\"", "\"ratio\"");
            assertThat(Files.readString(Path.of(written.group(1) + ".html"))).as("the chart").contains("<svg");
        }
    }

    private static String tail(String printed) {
        return printed.substring(Math.max(0, printed.length() - 4000));
    }
}
