package io.soleus.kernel.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a published event: its type name on the wire (independent of the Java class
 * name, so code can move), its current version and the oldest version whose readers can read it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

    String type();

    int version();

    /**
     * The oldest version whose readers can read this version's JSON as their own: a version that only
     * adds omittable fields is readable as the one before it (old readers ignore what they do not
     * know); a rename or a new required field is not. By default only readers of this version.
     */
    int readableAs() default 0;
}
