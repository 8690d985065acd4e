package io.soleus.web.services;

import java.util.List;
import java.util.Optional;

/**
 * A service refused a request (a 4xx with an RFC 9457 problem body): the status, its detail, the rule
 * it named (e.g. {@code inside-late-window}) and the fields it found wrong, so a form can show each
 * message beside its input.
 */
public class ServiceRefused extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String rule;
    private final List<FieldError> errors;

    public ServiceRefused(int status, String detail, String rule, List<FieldError> errors) {
        super(detail == null ? "refused with " + status : detail);
        this.status = status;
        this.rule = rule;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean notFound() {
        return status == 404;
    }
}
