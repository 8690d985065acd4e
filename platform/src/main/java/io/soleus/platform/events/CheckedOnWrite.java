package io.soleus.platform.events;

import java.util.List;
import java.util.function.BiFunction;

import io.soleus.kernel.Checked;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Checks the rules of every event a service publishes before it is stored: a broken fact fails its
 * command (the unit of work rolls back, nothing is stored) and is never written, so reading history
 * needs no rules at all.
 */
public final class CheckedOnWrite implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            if (message.getPayload() instanceof Checked checked) {
                checked.check();
            }
            return message;
        };
    }
}
