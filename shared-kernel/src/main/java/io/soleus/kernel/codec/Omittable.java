package io.soleus.kernel.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of a contract that a record may leave out (e.g. a client's phone number, or a field
 * added in a later version that older events never had). Every other component must be present
 * for the record to be read at all.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Omittable {
}
