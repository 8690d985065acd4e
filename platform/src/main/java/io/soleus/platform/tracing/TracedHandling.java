package io.soleus.platform.tracing;

import io.micrometer.tracing.Span;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Handles each event that came with a trace (from its Kafka record's {@code traceparent}) in a
 * consumer span of that trace, named after the event's type, so its log lines and what it causes
 * belong to the request that started it; its log lines carry the event's correlation id too.
 */
public final class TracedHandling implements MessageHandlerInterceptor<EventMessage<?>> {

    /** The log's key for the id of the conversation an event belongs to (its record's {@code correlationid}). */
    public static final String CORRELATION_ID = "correlationId";
    /** Where Axon keeps that id in an event's metadata (its MessageOriginProvider's name for it). */
    private static final String AXON_CORRELATION = "traceId";

    private final Traces traces;

    public TracedHandling(Traces traces) {
        this.traces = traces;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object traceparent = event.getMetaData().get(Traces.TRACEPARENT);
        Object correlation = event.getMetaData().get(AXON_CORRELATION);
        if (correlation != null) {
            MDC.put(CORRELATION_ID, correlation.toString());
        }
        try {
            return traces.continued(traceparent == null ? null : traceparent.toString(),
                    "consume " + event.getPayloadType().getSimpleName(), Span.Kind.CONSUMER, interceptorChain::proceed);
        } finally {
            MDC.remove(CORRELATION_ID);
        }
    }
}
