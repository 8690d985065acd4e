package io.soleus.web.services;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Calls to the services made at once for one page (the dashboard reads a dozen figures): a bounded
 * pool of its own, so a page waits for its slowest call rather than the sum of them, and a service
 * that hangs cannot take every request thread.
 */
@Component
public class Parallel {

    /** Longer than a call's own read timeout: a call that takes this long has hung. */
    private static final Duration LONGEST = Duration.ofSeconds(15);

    // a full queue runs the call on the request's own thread: slower, never refused
    private final ExecutorService pool = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(256), runnable -> {
                Thread thread = new Thread(runnable, "service-call");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    public <T> CompletableFuture<T> call(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, pool).orTimeout(LONGEST.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The value of a call, with a failure of the service it called thrown as it was (not wrapped). */
    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                throw new ServiceUnavailable("a service", e.getCause());
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
