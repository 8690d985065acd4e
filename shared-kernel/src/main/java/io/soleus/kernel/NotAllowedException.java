package io.soleus.kernel;

/** The actor may see this but not do this to it (a client changing a clinical record), naming the rule. */
public class NotAllowedException extends RuleViolationException {

    public NotAllowedException(String rule, String message) {
        super(rule, message);
    }
}
