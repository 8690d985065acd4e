package io.soleus.platform.tracing;

import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Writes the trace current when a message is created inside a unit of work (a command handled for
 * a request, a record handled by a consumer) into that message: an event caused by a consumed
 * record continues the record's trace, though the batch it belongs to commits after its span ended.
 */
final class TraceCorrelation implements CorrelationDataProvider {

    private final Traces traces;

    TraceCorrelation(Traces traces) {
        this.traces = traces;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return traces.current().<Map<String, ?>>map(trace -> Map.of(Traces.TRACEPARENT, trace)).orElse(Map.of());
    }
}
