package io.soleus.platform.axon;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.soleus.kernel.NotFoundException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Loads an aggregate a command refers to, answering "not found" in the caller's words (a 404 naming
 * what is missing); or, for one a command may begin, asks the store whether its stream has begun.
 */
public final class Aggregates {

    private Aggregates() {
    }

    public static <T> Aggregate<T> load(Repository<T> repository, Object id, String what) {
        try {
            return repository.load(id.toString());
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("No " + what + " " + id);
        }
    }

    /** The aggregate if its stream has begun: asked of the store first, so a first command costs no failed load. */
    public static <T> Optional<Aggregate<T>> existing(Repository<T> repository, EventStore events, String id) {
        return events.lastSequenceNumberFor(id).isEmpty() ? Optional.empty() : Optional.of(repository.load(id));
    }

    /** Runs {@code next} on the aggregate whose stream has begun, or begins it with {@code first}. */
    public static <T> Aggregate<T> update(Repository<T> repository, EventStore events, String id, Supplier<T> first,
                                          Consumer<T> next) {
        return existing(repository, events, id).map(aggregate -> {
            aggregate.execute(next);
            return aggregate;
        }).orElseGet(() -> {
            try {
                return repository.newInstance(first::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
