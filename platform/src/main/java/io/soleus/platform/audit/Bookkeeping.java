package io.soleus.platform.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event that records no change a person made, only what a service keeps beside the change
 * to enforce its rules (a client's standing sessions, stored with each booking). The audit trail
 * leaves it out: the change itself (the booking) is already there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Bookkeeping {
}
