package io.soleus.platform.tracing;

import io.micrometer.tracing.Span;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Handles each event that came with a trace (from its Kafka record's {@code traceparent}) in a
 * consumer span of that trace, named after the event's type, so its log lines and what it causes
 * belong to the request that started it.
 */
public final class TracedHandling implements MessageHandlerInterceptor<EventMessage<?>> {

    private final Traces traces;

    public TracedHandling(Traces traces) {
        this.traces = traces;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object traceparent = event.getMetaData().get(Traces.TRACEPARENT);
        return traces.continued(traceparent == null ? null : traceparent.toString(),
                "consume " + event.getPayloadType().getSimpleName(), Span.Kind.CONSUMER, interceptorChain::proceed);
    }
}
