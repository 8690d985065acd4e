package io.soleus.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * W3C trace context ({@code traceparent}) across the places a request travels that HTTP
 * instrumentation does not reach: into the events it causes (and so onto their Kafka records), into
 * each consumer's handling, and into work done later from a row, such as a notification's delivery.
 * The log lines written meanwhile carry the trace and span ids.
 */
public final class Traces {

    /** The W3C header, and the event metadata key and CloudEvents extension that carry it. */
    public static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the span current on this thread, if any: to carry on with the work. */
    public Optional<String> current() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /**
     * Does work in a span that continues the trace a {@code traceparent} names; without one, in no
     * span at all (an event written before traces were recorded, say), so a replay of old history
     * starts no traces.
     */
    public <T, E extends Exception> T continued(String traceparent, String name, Work<T, E> work) throws E {
        return continued(traceparent, name, null, work);
    }

    /** As {@link #continued(String, String, Work)}, in a span of a kind: {@code CONSUMER} for a record's handling. */
    public <T, E extends Exception> T continued(String traceparent, String name, Span.Kind kind, Work<T, E> work)
            throws E {
        if (traceparent == null) {
            return work.run();
        }
        Span.Builder builder = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name);
        Span span = (kind == null ? builder : builder.kind(kind)).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.run();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }
}
