package io.soleus.kernel.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of a contract about a client ({@link io.soleus.kernel.AboutClient}) that holds their
 * personal data or free text about them: a name, an address, a note. Wherever the event is written
 * (an event store, a topic, a dead letter) the value is sealed with the client's own key, so that
 * forgetting the client (deleting their keys) leaves it unreadable everywhere at once. A value whose
 * key is gone reads as {@link #ERASED}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Personal {

    /** What a personal value of a forgotten client reads as. */
    String ERASED = "[erased]";
}
