package io.soleus.platform.events;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Brings a published contract stored in an older version to its current one while Axon reads the
 * event store (loading an aggregate, replaying a projection, publishing to Kafka), with the very
 * upcasters the codec applies to records from Kafka. A stored contract without a revision was written
 * before revisions were, as version 1.
 */
final class StoredContractUpcaster extends SingleEventUpcaster {

    private final EventCodec codec;
    private final Map<String, ContractType> byClassName;

    StoredContractUpcaster(EventCodec codec) {
        this.codec = codec;
        this.byClassName = codec.contracts().stream()
                .collect(Collectors.toUnmodifiableMap(type -> type.javaType().getName(), Function.identity()));
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        ContractType type = byClassName.get(stored.getType().getName());
        return type != null && storedVersion(stored) < type.version();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        ContractType type = byClassName.get(stored.getType().getName());
        int from = storedVersion(stored);
        return stored.upcastPayload(new SimpleSerializedType(type.javaType().getName(), String.valueOf(type.version())),
                JsonNode.class, json -> codec.upcast(type.name(), from, (ObjectNode) json));
    }

    private static int storedVersion(IntermediateEventRepresentation stored) {
        String revision = stored.getType().getRevision();
        return revision == null ? 1 : Integer.parseInt(revision);
    }
}
