package io.soleus.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform's Java processes, each with its log in {@code logs/<name>.log}: started, killed like a
 * crashed machine, and stopped together, the last started first.
 */
final class Processes {

    private final Path logs;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private boolean stopped;

    Processes(Path logs) {
        this.logs = logs;
    }

    synchronized Process start(String name, List<String> arguments, Map<String, String> environment) {
        if (stopped) {
            throw new IllegalStateException("the platform is stopping");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        // appended: a restarted process's log follows what its killed predecessor wrote
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            running.put(name, process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a process to its end, e.g. formatting Kafka's storage, and says whether it succeeded. */
    boolean runToEnd(String name, List<String> arguments) {
        Process process = start(name, arguments, Map.of());
        try {
            return process.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            forget(name);
        }
    }

    /** SIGKILL: no shutdown, as a crashed machine. */
    synchronized void kill(String name) {
        Process process = running.remove(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name);
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The processor time each running process has used so far, by name. */
    synchronized Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        running.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(time -> times.put(name, time)));
        return times;
    }

    /** Fails when a process has died on its own, e.g. while starting. */
    synchronized void requireAlive() {
        running.forEach((name, process) -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see its log in " + logs);
            }
        });
    }

    /** Stops every process, the last started first, each given 30 s before it is killed; once. */
    synchronized void stopAll() {
        stopped = true;
        List<Process> all = new ArrayList<>(running.values());
        Collections.reverse(all);
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        running.clear();
    }

    private synchronized void forget(String name) {
        running.remove(name);
    }

    /** A module's runnable jar, built by {@code mvn install}. */
    static Path runnableJar(Path root, String module) {
        try (Stream<Path> files = Files.list(root.resolve(module).resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar of " + module + "; build first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar on this launcher's own classpath, e.g. GreenMail's standalone one, run as a process of its own. */
    static String classpathEntry(String name) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not on the classpath"));
    }

    /** This launcher's classpath without the jars that would clash in a broker's JVM. */
    static String classpathWithout(String name) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains(name)).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }
}
