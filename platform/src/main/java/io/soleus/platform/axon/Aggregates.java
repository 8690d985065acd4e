package io.soleus.platform.axon;

import io.soleus.kernel.NotFoundException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Loads an aggregate a command refers to, answering "not found" in the caller's words (a 404 naming what is missing). */
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
}
