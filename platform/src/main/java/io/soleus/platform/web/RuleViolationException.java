package io.soleus.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A domain rule said no (a taken slot, a closed clinic, a cancelled session): answered with the
 * status given, 409 by default, and a problem body naming the rule.
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;
    private final HttpStatus status;

    public RuleViolationException(String rule, String message) {
        this(rule, message, HttpStatus.CONFLICT);
    }

    public RuleViolationException(String rule, String message, HttpStatus status) {
        super(message);
        this.rule = rule;
        this.status = status;
    }

    public String rule() {
        return rule;
    }

    public HttpStatus status() {
        return status;
    }
}
