package io.soleus.kernel.codec;

import io.soleus.kernel.Require;

/**
 * A published event type: its wire name, current version, the oldest version whose readers can read
 * it, the topic it travels on, and its record.
 */
public record ContractType(String name, int version, int readableAs, String topic, Class<?> javaType) {

    public ContractType {
        Require.text("name", name, 200);
        Require.between("version", version, 1, Integer.MAX_VALUE);
        Require.between("readableAs", readableAs, 1, version);
        Require.text("topic", topic, 249);
        Require.present("javaType", javaType);
    }
}
