package io.soleus.kernel.codec;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the JSON of version {@link #fromVersion()} of a contract into the JSON of the next version. */
public interface Upcaster {

    String type();

    int fromVersion();

    ObjectNode upcast(ObjectNode json);

    /** The step of contract {@code type} from {@code fromVersion} to the next, e.g. a renamed field. */
    static Upcaster of(String type, int fromVersion, UnaryOperator<ObjectNode> step) {
        return new Upcaster() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int fromVersion() {
                return fromVersion;
            }

            @Override
            public ObjectNode upcast(ObjectNode json) {
                return step.apply(json);
            }
        };
    }
}
