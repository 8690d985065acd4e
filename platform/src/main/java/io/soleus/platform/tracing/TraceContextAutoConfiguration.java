package io.soleus.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Trace context through the event store and Kafka: {@link Traces}, and every event published
 * carrying the trace current when it was. Spring Boot traces HTTP in and out and exports spans by
 * OTLP where {@code management.otlp.tracing.endpoint} is set; without tracing, nothing is traced.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration"})
public class TraceContextAutoConfiguration {

    @Bean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Registered once the event bus exists; every event published afterwards carries its trace. */
    @Bean
    InitializingBean traceOnEvents(EventBus eventBus, Traces traces) {
        return () -> eventBus.registerDispatchInterceptor(new TraceOnEvents(traces));
    }
}
