package io.soleus.kernel;

/** A domain rule said no (a taken slot, a closed clinic, a cancelled session), naming the rule. */
public class RuleViolationException extends RuntimeException {

    private final String rule;

    public RuleViolationException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
