package io.soleus.kernel.codec;

import io.soleus.kernel.Require;

/** A published event type: its wire name, current version, the topic it travels on, and its record. */
public record ContractType(String name, int version, String topic, Class<?> javaType) {

    public ContractType {
        Require.text("name", name, 200);
        Require.between("version", version, 1, Integer.MAX_VALUE);
        Require.text("topic", topic, 249);
        Require.present("javaType", javaType);
    }
}
