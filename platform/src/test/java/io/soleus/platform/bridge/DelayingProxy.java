package io.soleus.platform.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of a broker that delays every byte the broker sends by a set latency (and
 * passes the clients' bytes at once): a broker that answers slowly, without slowing its throughput.
 * Clients must find the broker through it, so the broker advertises the proxy's address.
 */
final class DelayingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "delaying-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration latency = Duration.ZERO;

    DelayingProxy(int target) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on, each answer of the broker reaches its client this much later. */
    void answerAfter(Duration latency) {
        this.latency = latency;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                threads.execute(() -> pass(client, broker));
                DelayQueue<Chunk> answers = new DelayQueue<>();
                threads.execute(() -> hold(broker, client, answers));
                threads.execute(() -> release(answers, client, broker));
            } catch (IOException brokerAway) {
                closeQuietly(client); // as a broker that is down: the client tries again
            }
        }
    }

    private static void pass(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeQuietly(from, to);
        }
    }

    /** Reads the broker's bytes as they come and queues each chunk until its latency has passed. */
    private void hold(Socket broker, Socket client, DelayQueue<Chunk> answers) {
        byte[] buffer = new byte[64 * 1024];
        long due = System.nanoTime();
        long order = 0;
        try (InputStream in = broker.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // never before an earlier chunk, should the latency be lowered: the stream keeps its order
                due = Math.max(due, System.nanoTime() + latency.toNanos());
                answers.put(new Chunk(Arrays.copyOf(buffer, read), due, order++));
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            answers.put(new Chunk(null, Math.max(due, System.nanoTime()), order));
        }
    }

    private static void release(DelayQueue<Chunk> answers, Socket client, Socket broker) {
        try (OutputStream out = client.getOutputStream()) {
            for (Chunk chunk = answers.take(); chunk.bytes() != null; chunk = answers.take()) {
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // either side went away
        } finally {
            closeQuietly(client, broker);
        }
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    /**
     * Bytes from the broker, due at a moment of {@link System#nanoTime()}, or none: the broker closed
     * the connection, after the last bytes. Chunks come due in the order they were read.
     */
    private record Chunk(byte[] bytes, long due, long order) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk chunk = (Chunk) other;
            return due != chunk.due ? Long.compare(due, chunk.due) : Long.compare(order, chunk.order);
        }
    }
}
