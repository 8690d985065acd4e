package io.soleus.platform.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent-event streams this instance holds open, by key (a client's id, a dashboard): each
 * begins with a {@code connected} comment, closes after {@code timeout} (the browser reconnects), and
 * is dropped as soon as a send to it fails.
 */
public class LiveStreams<K> {

    private final Map<K, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final long timeoutMillis;

    public LiveStreams(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    public SseEmitter open(K key) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        // added inside compute: a keep-alive dropping the key's empty set at the same moment cannot orphan it
        Set<SseEmitter> own = streams.compute(key, (k, emitters) -> {
            Set<SseEmitter> set = emitters == null ? new CopyOnWriteArraySet<>() : emitters;
            set.add(emitter);
            return set;
        });
        Runnable remove = () -> own.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        // tells the browser (and a test) the stream is live before the first event arrives
        send(own, emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    public boolean anyOpen(K key) {
        Set<SseEmitter> emitters = streams.get(key);
        return emitters != null && !emitters.isEmpty();
    }

    /** Sends an event to every stream of {@code key}; each gets its own, as a built event cannot be sent twice. */
    public void send(K key, Supplier<SseEmitter.SseEventBuilder> event) {
        Set<SseEmitter> emitters = streams.get(key);
        if (emitters != null) {
            emitters.forEach(emitter -> send(emitters, emitter, event.get()));
        }
    }

    /** Sends an event to one stream of {@code key}, e.g. what it missed before it opened. */
    public void send(K key, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        Set<SseEmitter> emitters = streams.get(key);
        if (emitters != null && emitters.contains(emitter)) {
            send(emitters, emitter, event);
        }
    }

    public void sendToAll(Supplier<SseEmitter.SseEventBuilder> event) {
        streams.keySet().forEach(key -> send(key, event));
    }

    /** A comment now and then keeps proxies from closing a quiet stream. */
    public void keepAlive() {
        streams.keySet().forEach(key -> streams.computeIfPresent(key, (k, emitters) -> emitters.isEmpty() ? null : emitters));
        sendToAll(() -> SseEmitter.event().comment("keep-alive"));
    }

    public void closeAll() {
        streams.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
    }

    private static void send(Set<SseEmitter> emitters, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            emitters.remove(emitter);
        }
    }
}
