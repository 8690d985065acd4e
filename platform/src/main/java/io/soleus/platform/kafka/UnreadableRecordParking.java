package io.soleus.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.GenericMessage;

/**
 * The handler, in every Kafka-fed processing group, of the records the group could not read. It reads
 * the record again with the codec this service has now: while it still cannot, it fails with the
 * reason, so the group's dead-letter queue parks it (and the aggregate's later events behind it) or,
 * without a queue, the segment stops and retries; once it can (a retry after an upgrade), it hands
 * the event to the group's own handlers, as if it had been read the first time.
 */
public final class UnreadableRecordParking {

    private final String group;
    private final CloudEventMapping mapping;
    private final Supplier<EventProcessingConfiguration> processing;

    public UnreadableRecordParking(String group, CloudEventMapping mapping, Supplier<EventProcessingConfiguration> processing) {
        this.group = group;
        this.mapping = mapping;
        this.processing = processing;
    }

    public boolean serves(String processingGroup) {
        return group.equals(processingGroup);
    }

    @EventHandler
    void on(UnreadableRecord record, EventMessage<?> message) throws Exception {
        EventMessage<?> readable = withPayload(message, mapping.decode(record));
        for (EventMessageHandler handler : handlers()) {
            if (handler.canHandle(readable)) {
                handler.handle(readable);
            }
        }
    }

    private List<EventMessageHandler> handlers() {
        AbstractEventProcessor processor = processing.get().eventProcessor(group, AbstractEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor " + group));
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(processor.eventHandlerInvoker(), handlers);
        return handlers;
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        }
    }

    private static EventMessage<?> withPayload(EventMessage<?> message, Object payload) {
        GenericMessage<Object> delegate = new GenericMessage<>(message.getIdentifier(), payload, message.getMetaData());
        if (message instanceof DomainEventMessage<?> domain) {
            return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), delegate, domain::getTimestamp);
        }
        return new GenericEventMessage<>(delegate, message::getTimestamp);
    }
}
