package io.soleus.treatment.intake;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.value.ConsentKind;

/** The 409 of a treatment record for a client without current consent at the clinic: names what is missing. */
final class ConsentRequired {

    static final String RULE = "consent-required";

    private ConsentRequired() {
    }

    static RuleViolationException missing(Set<ConsentKind> kinds) {
        List<String> names = kinds.stream().map(Enum::name).sorted().toList();
        return new RuleViolationException(RULE, "The client has not consented at this clinic to " + String.join(" and ", names)
                + "; record their consent (intake or desk) before treatment records", Map.<String, Object>of("missing", names));
    }

    static RuleViolationException nothingToWithdraw() {
        return new RuleViolationException("no-consent-to-withdraw", "There is no consent at this clinic to withdraw");
    }
}
