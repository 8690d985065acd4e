package io.soleus.platform.tracing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Writes the current trace into every event published while it is current (an HTTP request's, a
 * consumed record's): the publisher puts it on the event's Kafka record, so the trace goes on in
 * every consumer. An event that already names a trace keeps it.
 */
final class TraceOnEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private final Traces traces;

    TraceOnEvents(Traces traces) {
        this.traces = traces;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Optional<String> trace = traces.current(); // on the publishing thread, where the trace is current
        return (index, message) -> trace.isEmpty() || message.getMetaData().containsKey(Traces.TRACEPARENT) ? message
                : message.andMetaData(Map.of(Traces.TRACEPARENT, trace.get()));
    }
}
