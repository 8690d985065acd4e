package io.soleus.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.kernel.codec.PersonalData;
import io.soleus.kernel.codec.PersonalFields;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The event serializer of the event store and the dead-letter queues, with every personal value
 * sealed on writing and opened on reading ({@link PersonalFields}); everything else as the JSON
 * serializer it wraps writes and reads it. Opening comes after upcasting, which never needs the text.
 */
public class SealingSerializer implements Serializer {

    private final Serializer json;
    private final ObjectMapper mapper;
    private final PersonalData personal;

    public SealingSerializer(Serializer json, ObjectMapper mapper, PersonalData personal) {
        this.json = json;
        this.mapper = mapper;
        this.personal = personal;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !PersonalFields.any(object.getClass())) {
            return json.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        PersonalFields.seal(tree, object.getClass(), personal);
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SerializedObject<byte[]> sealed = new SimpleSerializedObject<>(bytes, byte[].class, typeForClass(object.getClass()));
        return getConverter().convert(sealed, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (!PersonalFields.any(type)) {
            return json.deserialize(serializedObject);
        }
        JsonNode stored = getConverter().convert(serializedObject, JsonNode.class).getData();
        if (!(stored instanceof ObjectNode object)) {
            return json.deserialize(serializedObject);
        }
        ObjectNode opened = object.deepCopy();
        PersonalFields.open(opened, type, personal);
        return json.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, serializedObject.getType()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return json.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return json.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return json.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return json.getConverter();
    }
}
