package io.soleus.platform.bridge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.soleus.kernel.Topics;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * W3C trace context through the bridge: an event published while a trace is current carries it in
 * its metadata and, as {@code traceparent}, on its Kafka record; the consumer handles it in a span of
 * its own in that trace, its log lines carrying the trace's ids and the event's correlation id. An
 * event published outside any trace carries none and is handled in none.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class TraceContextTest {

    @Test
    void an_event_published_in_a_trace_carries_it_over_kafka_and_is_handled_in_a_span_of_that_trace() {
        try (BridgeApp app = BridgeApp.start(SoleusInfrastructure.get().newDatabase("traces"), "a")) {
            Tracer tracer = app.bean(Tracer.class);
            SessionId traced = SessionId.random();
            SessionId untraced = SessionId.random();

            Span request = tracer.nextSpan().name("a request").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                publish(app, traced, MetaData.with("traceId", "conversation-" + traced));
            } finally {
                request.end();
            }
            publish(app, untraced, MetaData.emptyInstance());
            String traceId = request.context().traceId();
            String requestSpan = request.context().spanId();

            List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(Topics.BOOKING,
                    read -> read.stream().filter(r -> r.key().equals(traced.toString()) || r.key().equals(untraced.toString()))
                            .count() == 2, Duration.ofSeconds(60));
            assertThat(traceparent(records, traced)).hasValueSatisfying(trace ->
                    assertThat(trace).matches("00-" + traceId + "-" + requestSpan + "-0[01]"));
            assertThat(traceparent(records, untraced)).isEmpty();

            SessionFeedProjection consumer = app.bean(SessionFeedProjection.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.traceOf.containsKey(traced.toString())
                    && consumer.traceOf.containsKey(untraced.toString()));
            assertThat(consumer.traceOf.get(traced.toString())).as("handled in a span of the same trace, its own")
                    .matches("00-" + traceId + "-[0-9a-f]{16}-0[01]")
                    .doesNotContain(requestSpan);
            assertThat(consumer.traceOf.get(untraced.toString())).as("handled in no trace").isEmpty();
            assertThat(consumer.loggedCorrelationOf.get(traced.toString())).as("its log lines carry its correlation id")
                    .isEqualTo("conversation-" + traced);
            assertThat(consumer.loggedCorrelationOf.get(untraced.toString())).isEmpty();
        }
    }

    @Test
    void an_event_made_while_a_record_is_handled_carries_its_trace_though_its_batch_commits_after_the_span() {
        try (BridgeApp app = BridgeApp.start(SoleusInfrastructure.get().newDatabase("tracecorrelation"), "a")) {
            Configuration axon = app.bean(Configuration.class);
            Tracer tracer = app.bean(Tracer.class);
            DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a record"));
            axon.correlationDataProviders().forEach(batch::registerCorrelationDataProvider);
            Span handling = tracer.nextSpan().name("consume a record").start();
            EventMessage<?> made;
            try (Tracer.SpanInScope scope = tracer.withSpan(handling)) {
                made = GenericEventMessage.asEventMessage("an event the record causes");
            } finally {
                handling.end();
            }
            batch.commit();

            assertThat(made.getMetaData().get(CloudEventMapping.TRACEPARENT)).asString()
                    .startsWith("00-" + handling.context().traceId() + "-" + handling.context().spanId() + "-");
            assertThat(made.getMetaData()).as("Axon's correlation and causation ids are still written")
                    .containsKeys("traceId", "correlationId");
        }
    }

    private static void publish(BridgeApp app, SessionId session, MetaData metaData) {
        app.bean(TransactionTemplate.class).executeWithoutResult(status -> app.bean(EventStore.class).publish(
                new GenericDomainEventMessage<>("Session", session.toString(), 0, Sessions.event(session, 0), metaData)));
    }

    private static Optional<String> traceparent(List<ConsumerRecord<String, byte[]>> records, SessionId session) {
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> r.key().equals(session.toString()))
                .findFirst().orElseThrow();
        return CloudEventMapping.header(record, "ce_" + CloudEventMapping.TRACEPARENT);
    }
}
