package io.soleus.platform.tracing;

import java.util.List;

import io.micrometer.observation.ObservationFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * Trace context through the event store and Kafka: {@link Traces}, and every event carrying the
 * trace current when it was made (in a unit of work) or published (outside one). Spring Boot traces
 * HTTP in and out and exports spans by OTLP where {@code management.otlp.tracing.endpoint} is set;
 * without tracing, nothing is traced.
 *
 * <p>After Axon's own configuration: its {@code MessageOriginProvider} (correlation and causation
 * ids) is made only where no correlation data provider exists yet, so ours must come second.
 */
@AutoConfiguration(afterName = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration"})
public class TraceContextAutoConfiguration {

    @Bean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Events made while a request or a record is handled carry its trace. */
    @Bean
    CorrelationDataProvider traceCorrelation(Traces traces) {
        return new TraceCorrelation(traces);
    }

    /** Paths that carry a secret of their own (calendar feeds) reach no trace with it. */
    @Bean
    ObservationFilter secretPaths(@Value("${soleus.tracing.secret-path-prefixes:/calendar-feeds/,/calendar/}") List<String> prefixes) {
        return new SecretPaths(prefixes);
    }

    /** Registered once the event bus exists; an event published outside a unit of work carries the trace then current. */
    @Bean
    InitializingBean traceOnEvents(EventBus eventBus, Traces traces) {
        return () -> eventBus.registerDispatchInterceptor(new TraceOnEvents(traces));
    }
}
