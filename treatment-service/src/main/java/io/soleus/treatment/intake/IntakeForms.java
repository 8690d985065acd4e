package io.soleus.treatment.intake;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.treatment.QuestionnaireData;
import org.springframework.stereotype.Component;

/**
 * The intake forms the service knows, read once from {@code questionnaires/intake/*.json}: every
 * version of every form stays, so an answer is always read with the questions it answered. A clinic
 * is given the newest version.
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

    /** The form a clinic's clients answer now. */
    public IntakeForm current(ClinicId clinic) {
        return forms.stream().max(Comparator.comparingInt(IntakeForm::version)).orElseThrow();
    }

    public Optional<IntakeForm> version(String form, int version) {
        return forms.stream().filter(it -> it.form().equals(form) && it.version() == version).findFirst();
    }

    /** The text version of a kind of consent that a clinic asks for now. */
    public String consentVersion(ClinicId clinic, ConsentKind kind) {
        return current(clinic).consent(kind).version();
    }
}
