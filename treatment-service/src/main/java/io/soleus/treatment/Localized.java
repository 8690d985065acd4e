package io.soleus.treatment;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A text of a questionnaire in several languages, written as an object of language to text; English is the fallback. */
public record Localized(Map<String, String> texts) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Localized {
        texts = Map.copyOf(texts);
    }

    @JsonValue
    public Map<String, String> texts() {
        return texts;
    }

    public String in(String language) {
        return texts.getOrDefault(language, texts.get("en"));
    }
}
