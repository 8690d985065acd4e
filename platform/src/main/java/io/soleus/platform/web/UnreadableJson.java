package io.soleus.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.soleus.kernel.InvalidValueException;
import io.soleus.platform.web.ProblemDetailsAdvice.FieldError;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Which field of a request's JSON could not be read, and why, so a 400 can point at it: the JSON
 * path ({@code exercises[0].dose.sets}) of a wrong type, an unknown field or key, a number out of
 * range, a value object's refusal, or where broken JSON breaks.
 */
final class UnreadableJson {

    private UnreadableJson() {
    }

    /** The field behind unreadable JSON: a value object's own refusal, where the JSON broke, or its path. */
    static FieldError fieldOf(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        String path = null;
        while (cause != null) {
            if (cause instanceof InputCoercionException number && number.getProcessor() != null) {
                return new FieldError(pathOf(number.getProcessor().getParsingContext()), "is out of range");
            }
            if (cause instanceof JsonEOFException) {
                return new FieldError("body", "ends before its JSON is complete");
            }
            if (cause instanceof StreamReadException unreadable) {
                return new FieldError(unreadable.getProcessor() == null ? "body"
                        : pathOf(unreadable.getProcessor().getParsingContext()), "is not valid JSON here");
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return new FieldError(pathOf(unknown), "is not a field of this request");
            }
            if (cause instanceof InvalidFormatException key && key.getOriginalMessage().startsWith("Cannot deserialize Map key")) {
                String map = pathOf(key);
                return new FieldError(map.isEmpty() ? String.valueOf(key.getValue()) : map + "." + key.getValue(),
                        "is not one of the keys this field takes");
            }
            if (cause instanceof JsonMappingException mapping && path == null) {
                path = pathOf(mapping);
            }
            if (cause instanceof InvalidValueException invalid) {
                return new FieldError(within(path, invalid.field()), invalid.getMessage());
            }
            cause = cause.getCause();
        }
        return new FieldError(path == null || path.isEmpty() ? "body" : path, "is missing or not readable");
    }

    private static String pathOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /**
     * The field a value object refused, where the JSON put it: a value's own refusal ({@code pain}) names
     * where the value stood; a refusal of one of its parts ({@code finding.code}) names that part there
     * ({@code workingFinding.code}).
     */
    private static String within(String path, String refused) {
        if (path == null || path.isEmpty()) {
            return refused;
        }
        int dot = refused.lastIndexOf('.');
        return dot < 0 ? path : path + refused.substring(dot);
    }

    /** The JSON path the parser stood at, as {@code exercises[0].dose.sets}. */
    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            parts.add(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
    }

}
