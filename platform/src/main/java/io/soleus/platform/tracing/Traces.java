package io.soleus.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
    /** Version 00 of the W3C trace context: version, trace id, parent span id, flags. */
    private static final Pattern W3C = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the span current on this thread, if any: to carry on with the work. */
    public Optional<String> current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Optional.empty();
        }
        // a trace not sampled is carried on too (flagged so): its ids still tie the logs together
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /**
     * Does work in a span that continues the trace a {@code traceparent} names; without one (an event
     * written before traces were recorded, say) or with one that is no W3C trace context, in no span
     * at all, so a replay of old history starts no traces.
     */
    public <T, E extends Exception> T continued(String traceparent, String name, Work<T, E> work) throws E {
        return continued(traceparent, name, null, work);
    }

    /** As {@link #continued(String, String, Work)}, in a span of a kind: {@code CONSUMER} for a record's handling. */
    public <T, E extends Exception> T continued(String traceparent, String name, Span.Kind kind, Work<T, E> work)
            throws E {
        if (traceparent == null || !W3C.matcher(traceparent).matches()) {
            return work.run();
        }
        Span.Builder builder = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name);
        Span span = (kind == null ? builder : builder.kind(kind)).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.run();
        } catch (Exception | Error e) {
            // the type only: a message may hold personal data, and spans leave the service
            span.tag("exception.type", e.getClass().getName());
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
