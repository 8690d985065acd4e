package io.soleus.platform.tracing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Writes the current trace into an event published while it is current and that names none yet:
 * one published outside a unit of work (Axon intercepts an event published inside one when the root
 * unit of work commits, where {@link TraceCorrelation} has already written the trace of its making).
 * The publisher puts it on the event's Kafka record, so the trace goes on in every consumer.
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
