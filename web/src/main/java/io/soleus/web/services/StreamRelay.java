package io.soleus.web.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays a service's server-sent events to the browser, same-origin: the browser's
 * {@code EventSource} cannot send a bearer token, so it connects here with its session cookie, and
 * this module connects to the service with the person's token. Each upstream event is translated
 * (e.g. rendered as HTML for htmx) or dropped; comments (keep-alives) pass through. When either side
 * goes away the other is closed, and the browser reconnects on its own.
 */
@Component
public class StreamRelay {

    private static final Logger log = LoggerFactory.getLogger(StreamRelay.class);
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Duration CONNECT = Duration.ofSeconds(5);

    /** One upstream event: its name (null for the default "message"), id and data. */
    public record Event(String name, String id, String data) {
    }

    private final Services services;

    StreamRelay(Services services) {
        this.services = services;
    }

    /**
     * Opens {@code path} of a service with the signed-in person's token and relays what it sends,
     * each event through {@code translate}. Call on the request's own thread.
     */
    public SseEmitter relay(String name, URI service, String path,
                            Function<Event, Optional<SseEmitter.SseEventBuilder>> translate) {
        return relay(name, service, path, null, translate);
    }

    /**
     * As above, passing on the browser's {@code Last-Event-ID} (sent when its EventSource reconnects)
     * so that the service can begin with what the browser missed.
     */
    public SseEmitter relay(String name, URI service, String path, String lastEventId,
                            Function<Event, Optional<SseEmitter.SseEventBuilder>> translate) {
        SseEmitter browser = new SseEmitter(LIFETIME.toMillis());
        Lines lines = new Lines(browser, translate);
        HttpRequest.Builder upstream = HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", "Bearer " + services.accessToken())
                .header("Accept", "text/event-stream");
        if (lastEventId != null && !lastEventId.isBlank()) {
            upstream.header("Last-Event-ID", lastEventId);
        }
        HttpRequest request = upstream.build();
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        services.streaming().sendAsync(request, answer -> {
                    answered.complete(answer.statusCode());
                    return answer.statusCode() == 200 ? HttpResponse.BodySubscribers.fromLineSubscriber(lines)
                            : HttpResponse.BodySubscribers.replacing(null);
                })
                .whenComplete((answer, failure) -> {
                    answered.completeExceptionally(failure != null ? failure : new IllegalStateException("no answer"));
                    browser.complete();
                });
        // the service's answer decides the browser's: a stream refused or not answered is an error, which stops the
        // browser's EventSource from reconnecting every few seconds
        int status;
        try {
            status = answered.get(CONNECT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            lines.cancel();
            throw new ServiceUnavailable(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines.cancel();
            throw new ServiceUnavailable(name, e);
        }
        if (status != 200) {
            log.warn("A live stream from {} was refused: {}", name, status);
            throw new ServiceUnavailable(name, new IllegalStateException("status " + status));
        }
        browser.onCompletion(lines::cancel);
        browser.onTimeout(lines::cancel);
        browser.onError(error -> lines.cancel());
        try {
            browser.send(SseEmitter.event().comment("connected"));
        } catch (IOException gone) {
            lines.cancel();
        }
        return browser;
    }

    /** Reads the upstream stream line by line and passes each complete event on. */
    private static final class Lines implements Flow.Subscriber<String> {

        private final SseEmitter browser;
        private final Function<Event, Optional<SseEmitter.SseEventBuilder>> translate;
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        private volatile boolean cancelled;
        private String name;
        private String id;
        private StringBuilder data;

        Lines(SseEmitter browser, Function<Event, Optional<SseEmitter.SseEventBuilder>> translate) {
            this.browser = browser;
            this.translate = translate;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription.set(subscription);
            if (cancelled) { // the browser left before the service answered
                cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith(":")) {
                send(SseEmitter.event().comment(line.substring(1).trim()));
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { } // retry and unknown fields: the browser keeps its own
                }
            }
        }

        private void dispatch() {
            if (data != null) {
                Event event = new Event(name, id, data.toString());
                try {
                    translate.apply(event).ifPresent(this::send);
                } catch (RuntimeException e) {
                    log.warn("A live event could not be relayed: {}", e.getClass().getSimpleName());
                }
            }
            name = null;
            id = null;
            data = null;
        }

        private void send(SseEmitter.SseEventBuilder event) {
            try {
                browser.send(event);
            } catch (IOException | IllegalStateException gone) {
                cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            browser.complete();
        }

        @Override
        public void onComplete() {
            browser.complete();
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription current = subscription.getAndSet(null);
            if (current != null) {
                current.cancel();
            }
        }
    }
}
