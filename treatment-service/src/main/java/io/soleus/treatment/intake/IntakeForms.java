package io.soleus.treatment.intake;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.soleus.treatment.QuestionnaireData;
import org.springframework.stereotype.Component;

/**
 * The intake forms the service knows, read once from {@code questionnaires/intake/*.json}: every
 * version of every form stays, so an answer is always read with the questions it answered. Which
 * version a clinic asks is its {@link QuestionnaireSettings}.
 */
@Component
public class IntakeForms {

    static final String LOCATION = "classpath*:questionnaires/intake/*.json";

    private final List<IntakeForm> forms;

    public IntakeForms() {
        this(QuestionnaireData.load(LOCATION, IntakeForm.class));
    }

    IntakeForms(List<IntakeForm> forms) {
        if (forms.isEmpty()) {
            throw new IllegalStateException("No intake form under " + LOCATION);
        }
        this.forms = List.copyOf(forms);
    }

    /** The newest version of the forms: what a clinic no admin has set up asks. */
    public IntakeForm newest() {
        return forms.stream().max(Comparator.comparingInt(IntakeForm::version)).orElseThrow();
    }

    public Optional<IntakeForm> version(String form, int version) {
        return forms.stream().filter(it -> it.form().equals(form) && it.version() == version).findFirst();
    }

    /** Every version of every form, oldest first. */
    public List<IntakeForm> all() {
        return forms.stream().sorted(Comparator.comparing(IntakeForm::form).thenComparingInt(IntakeForm::version)).toList();
    }
}
