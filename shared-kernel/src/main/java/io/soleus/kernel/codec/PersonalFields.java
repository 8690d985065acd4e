package io.soleus.kernel.codec;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.kernel.AboutClient;
import io.soleus.kernel.id.ClientId;

/**
 * The {@link Personal} values in the JSON of a contract: sealed on writing as {@code {"sealed": "…"}},
 * opened on reading. A value in clear (written before sealing began) reads as it is, unless its
 * client was forgotten. Only contracts about a client may have personal components.
 */
public final class PersonalFields {

    static final String SEALED = "sealed";

    private static final ClassValue<List<String>> NAMES = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(Personal.class)) {
                    if (component.getType() != String.class) {
                        throw new IllegalStateException(type.getName() + "." + component.getName()
                                + " is personal but not text: only text values are sealed");
                    }
                    names.add(component.getName());
                }
            }
            if (!names.isEmpty() && !AboutClient.class.isAssignableFrom(type)) {
                throw new IllegalStateException(type.getName() + " has personal components but names no client "
                        + "(AboutClient): whose key would seal them?");
            }
            return List.copyOf(names);
        }
    };

    private PersonalFields() {
    }

    /** The names of {@code type}'s personal components, in declaration order. */
    public static List<String> of(Class<?> type) {
        return NAMES.get(type);
    }

    public static boolean any(Class<?> type) {
        return !of(type).isEmpty();
    }

    /** Seals each personal value of {@code json} (the JSON of a {@code type}) in place. */
    public static void seal(ObjectNode json, Class<?> type, PersonalData data) {
        List<String> names = of(type);
        if (names.isEmpty()) {
            return;
        }
        ClientId client = clientOf(json, type);
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value != null && value.isTextual()) {
                json.putObject(name).put(SEALED, data.seal(client, value.asText()));
            }
        }
    }

    /** Opens each personal value of {@code json} in place: its text, or {@link Personal#ERASED} once the client is forgotten. */
    public static void open(ObjectNode json, Class<?> type, PersonalData data) {
        List<String> names = of(type);
        if (names.isEmpty()) {
            return;
        }
        ClientId client = clientOf(json, type);
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isObject() && value.path(SEALED).isTextual()) {
                json.put(name, data.open(client, value.path(SEALED).asText()).orElse(Personal.ERASED));
            } else if (value.isTextual() && data.forgotten(client)) {
                json.put(name, Personal.ERASED);
            }
        }
    }

    private static ClientId clientOf(JsonNode json, Class<?> type) {
        JsonNode client = json.path("clientId");
        if (!client.isTextual()) {
            throw new ContractDecodingException(type.getName() + " has personal values but no clientId", null);
        }
        return ClientId.of(client.asText());
    }
}
