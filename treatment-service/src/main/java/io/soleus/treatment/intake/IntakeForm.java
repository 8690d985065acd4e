package io.soleus.treatment.intake;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.treatment.Localized;

/**
 * An intake form as data: its sections of questions (free text, a number, one of some choices, yes or
 * no), the consent texts a client may agree to in it, and the advice shown when a red-flag question is
 * answered "yes", and the words for yes and no. Every text is given per language; English is the fallback. A form never changes
 * once clients have answered it: a change is a new {@link #version()}, and each answer names the
 * version it answered.
 */
public record IntakeForm(String form, int version, Localized title, Localized introduction, List<Section> sections,
                         List<ConsentText> consents, Localized advice, Localized yes, Localized no) {

    public static final String YES = "yes";
    public static final String NO = "no";

    public IntakeForm {
        Objects.requireNonNull(form, "form");
        sections = List.copyOf(sections);
        consents = List.copyOf(consents);
        Set<String> ids = new java.util.HashSet<>();
        sections.stream().flatMap(section -> section.questions().stream()).forEach(question -> {
            if (!ids.add(question.id())) {
                throw new IllegalArgumentException(form + " v" + version + " asks " + question.id() + " twice");
            }
        });
    }

    public enum Type {
        TEXT, NUMBER, CHOICE, YES_NO
    }

    public record Section(String id, Localized title, Localized introduction, List<Question> questions) {

        public Section {
            questions = List.copyOf(questions);
        }
    }

    public record Option(String value, Localized text) {
    }

    public record Question(String id, Type type, boolean required, boolean redFlag, Localized text, Localized unit,
                           Integer min, Integer max, Integer maxLength, List<Option> options) {

        public Question {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** The answer as stored, or an {@link InvalidValueException} naming {@code answers.<id>}. */
        String accept(String answer) {
            String field = "answers." + id;
            String value = answer == null ? "" : answer.strip();
            if (value.isEmpty()) {
                if (required) {
                    throw new InvalidValueException(field, "this question needs an answer");
                }
                return null;
            }
            switch (type) {
                case TEXT -> {
                    int limit = maxLength == null ? 2000 : maxLength;
                    if (value.length() > limit) {
                        throw new InvalidValueException(field, "at most " + limit + " characters");
                    }
                }
                case NUMBER -> {
                    BigDecimal number;
                    try {
                        number = new BigDecimal(value);
                    } catch (NumberFormatException e) {
                        throw new InvalidValueException(field, "a number");
                    }
                    if (min != null && number.compareTo(BigDecimal.valueOf(min)) < 0
                            || max != null && number.compareTo(BigDecimal.valueOf(max)) > 0) {
                        throw new InvalidValueException(field, "a number from " + min + " to " + max);
                    }
                    value = number.stripTrailingZeros().toPlainString();
                }
                case CHOICE -> {
                    String given = value;
                    if (options.stream().noneMatch(option -> option.value().equals(given))) {
                        throw new InvalidValueException(field, "one of " + options.stream().map(Option::value).toList());
                    }
                }
                case YES_NO -> {
                    if (!YES.equals(value) && !NO.equals(value)) {
                        throw new InvalidValueException(field, "yes or no");
                    }
                }
            }
            return value;
        }

        /** The answer as a reader is shown it: a choice's or yes/no's words rather than its value. */
        public String shown(String answer, String language, Map<String, String> yesNo) {
            if (answer == null) {
                return null;
            }
            return switch (type) {
                case CHOICE -> options.stream().filter(option -> option.value().equals(answer)).findFirst()
                        .map(option -> option.text().in(language)).orElse(answer);
                case YES_NO -> yesNo.getOrDefault(answer, answer);
                case NUMBER -> unit == null ? answer : answer + " " + unit.in(language);
                case TEXT -> answer;
            };
        }
    }

    public record ConsentText(ConsentKind kind, String version, Localized text) {
    }

    public Stream<Question> questions() {
        return sections.stream().flatMap(section -> section.questions().stream());
    }

    /**
     * The answers as they are kept, in the form's order, each checked against its question; every
     * wrong answer is refused at once, each naming its field, and so is a question the form does not ask.
     */
    public Map<String, String> accept(Map<String, String> answers) {
        Map<String, String> given = answers == null ? Map.of() : answers;
        for (String id : given.keySet()) {
            if (questions().noneMatch(question -> question.id().equals(id))) {
                throw new InvalidValueException("answers." + id, "this form asks no such question");
            }
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        questions().forEach(question -> {
            try {
                String value = question.accept(given.get(question.id()));
                if (value != null) {
                    accepted.put(question.id(), value);
                }
            } catch (InvalidValueException e) {
                refused.put(e.field(), e.getMessage());
            }
        });
        if (!refused.isEmpty()) {
            throw new InvalidValueException(refused);
        }
        return accepted;
    }

    /** The red-flag questions these (accepted) answers say "yes" to, in the form's order. */
    public List<String> redFlags(Map<String, String> accepted) {
        List<String> flags = new ArrayList<>();
        questions().filter(Question::redFlag).filter(question -> YES.equals(accepted.get(question.id())))
                .forEach(question -> flags.add(question.id()));
        return flags;
    }

    public ConsentText consent(ConsentKind kind) {
        return consents.stream().filter(consent -> consent.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException(form + " v" + version + " has no consent text for " + kind));
    }
}
