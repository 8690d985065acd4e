package io.soleus.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.soleus.kernel.codec.PersonalFields;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * The deserialized events of recently loaded aggregates, so that loading one again reads from the
 * store only what was appended since (usually nothing but the last event it already has) instead of
 * replaying and decoding its whole history: a booking loads its clinic, therapist, session type and
 * three day schedules, which change far less often than they are read.
 * <p>
 * Never stale: every load still asks the store, from the last event held, and takes the history held
 * only if that event is still there under the same identifier (a rolled-back append another load saw
 * would not be); otherwise it reads the whole history again. An aggregate with any event carrying
 * personal data is never held, so a forgotten client's values cannot outlive their keys here. Bounded
 * by the number of events held; the least recently used histories go first.
 */
final class LoadedHistories {

    /** An aggregate's events, oldest first, each with its payload and metadata already decoded. */
    private record History(List<DomainEventMessage<?>> events) {

        DomainEventMessage<?> last() {
            return events.get(events.size() - 1);
        }
    }

    private final Cache<String, History> histories;

    LoadedHistories(long maximumEvents) {
        this.histories = Caffeine.newBuilder()
                .maximumWeight(maximumEvents)
                .<String, History>weigher((aggregate, history) -> history.events().size())
                .build();
    }

    /**
     * An aggregate's whole history: what is held, topped up with what {@code readFrom} (the store,
     * from a sequence number on) has since; or, with nothing held or the held history no longer the
     * store's, everything {@code readFrom} has from the start.
     */
    List<DomainEventMessage<?>> read(String aggregate, LongFunction<List<? extends DomainEventMessage<?>>> readFrom) {
        History held = histories.getIfPresent(aggregate);
        if (held != null) {
            DomainEventMessage<?> last = held.last();
            List<? extends DomainEventMessage<?>> since = readFrom.apply(last.getSequenceNumber());
            if (!since.isEmpty() && since.get(0).getIdentifier().equals(last.getIdentifier())) {
                return since.size() == 1 ? held.events() : hold(aggregate, held.events(), since.subList(1, since.size()));
            }
            histories.invalidate(aggregate);
        }
        return hold(aggregate, List.of(), readFrom.apply(0));
    }

    /** The held events and those read after them; held, with the new ones decoded, unless empty or carrying personal data. */
    private List<DomainEventMessage<?>> hold(String aggregate, List<DomainEventMessage<?>> held,
                                             List<? extends DomainEventMessage<?>> read) {
        List<DomainEventMessage<?>> events = new ArrayList<>(held.size() + read.size());
        events.addAll(held);
        if (read.isEmpty() || read.stream().anyMatch(event -> PersonalFields.any(event.getPayloadType()))) {
            events.addAll(read);
            histories.invalidate(aggregate);
            return events;
        }
        for (DomainEventMessage<?> event : read) {
            // the payload and metadata decoded once, without the stored bytes they came from
            events.add(new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), event.getPayload(), event.getMetaData(), event.getIdentifier(),
                    event.getTimestamp()));
        }
        History history = new History(List.copyOf(events));
        histories.put(aggregate, history);
        return history.events();
    }
}
