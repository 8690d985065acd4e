package io.soleus.kernel;

import java.util.Map;

/**
 * A domain rule said no (a taken slot, a closed clinic, a cancelled session), naming the rule; with
 * {@code details} for the caller where the refusal has more to say (e.g. which dates of a course
 * conflict), shown beside the rule in the problem body.
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;
    private final Map<String, Object> details;

    public RuleViolationException(String rule, String message) {
        this(rule, message, Map.of());
    }

    public RuleViolationException(String rule, String message, Map<String, Object> details) {
        super(message);
        this.rule = rule;
        this.details = Map.copyOf(details);
    }

    public String rule() {
        return rule;
    }

    public Map<String, Object> details() {
        return details;
    }
}
