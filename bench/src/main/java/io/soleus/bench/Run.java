package io.soleus.bench;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

import io.soleus.platform.test.SoleusInfrastructure;

/**
 * Runs one benchmark's {@code main} and ends the JVM when it returns: a benchmark ends by itself even
 * though a library it starts (Axon's janitor, a Kafka client) leaves a thread that is not a daemon.
 * The test infrastructure a benchmark started (its databases, the in-JVM broker) is released first.
 */
public final class Run {

    private Run() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Run <benchmark class> [arguments]");
            System.exit(2);
        }
        int status = 0;
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException failed) {
            failed.getCause().printStackTrace();
            status = 1;
        } finally {
            SoleusInfrastructure.closeIfStarted();
        }
        System.exit(status);
    }
}
