package io.soleus.platform.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.soleus.kernel.InvalidValueException;

/**
 * How a request's JSON is read, stricter than how events and answers are: a field the request does
 * not have is refused (not ignored, so a misspelt field is not silently lost), and text holding
 * characters no person types is refused (NUL and other control characters, an unpaired surrogate,
 * bidirectional overrides that make text read differently than it is stored), each as a 400 naming
 * the field. Events and the Kafka bridge keep their tolerant reader.
 */
final class StrictJson {

    private StrictJson() {
    }

    static ObjectMapper forRequests(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule("soleus-plain-text").addDeserializer(String.class, new PlainText())
                        .setDeserializerModifier(new TimesAsText()));
        // a number where text belongs, text where a number or a yes/no belongs: the wrong type, said so
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            strict.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        strict.setDefaultLeniency(false); // no 30 February
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return strict;
    }

    /** The first character of {@code text} that a person's text may not hold, or -1. */
    static int unsafeAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F;
            boolean bidiOverride = c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
            boolean nonCharacter = c == 0xFFFE || c == 0xFFFF;
            if (control || Character.isSurrogate(c) || bidiOverride || nonCharacter) {
                return i;
            }
        }
        return -1;
    }

    /** Times, dates, durations and zones are ISO text in Soleus' API: a number is the wrong type, not seconds since 1970. */
    private static final class TimesAsText extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription type,
                                                      JsonDeserializer<?> deserializer) {
            return type.getBeanClass().getPackageName().equals("java.time") ? new TextOnly(deserializer) : deserializer;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return _delegatee.deserialize(parser, context);
        }
    }

    /** Jackson's own string reading, then the check. */
    private static final class PlainText extends StdScalarDeserializer<String> {

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && unsafeAt(text) >= 0) {
                throw new InvalidValueException(parser.currentName() == null ? "body" : parser.currentName(),
                        "holds a control character, an unpaired surrogate or a bidirectional override (at "
                                + unsafeAt(text) + ")");
            }
            return text;
        }
    }
}
