package io.soleus.kernel.codec;

/** A published event type: its wire name, current version, the topic it travels on, and its record. */
public record ContractType(String name, int version, String topic, Class<?> javaType) {
}
