package io.soleus.deploy.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The launcher's voice and its patience: each step said on one line ("Starting Kafka … ok") with a dot
 * a second while it waits, or nothing at all for a system test's platform.
 */
final class Console {

    private final boolean chatty;

    Console(boolean chatty) {
        this.chatty = chatty;
    }

    void step(String what) {
        if (chatty) {
            System.out.print(what + " ");
        }
    }

    void done() {
        say(" ok");
    }

    void say(String line) {
        if (chatty) {
            System.out.println(line);
        }
    }

    /** Waits for {@code condition}, checking once a second, and gives up after {@code timeout}. */
    void waitFor(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting after " + timeout.toSeconds() + " s");
            }
            if (chatty) {
                System.out.print(".");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port) {
        if (listening(port)) {
            throw new IllegalStateException("port " + port + " is taken; stop what uses it first");
        }
    }
}
