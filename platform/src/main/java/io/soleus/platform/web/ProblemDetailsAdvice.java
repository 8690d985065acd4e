package io.soleus.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotAllowedException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.RuleViolationException;
import io.soleus.platform.command.IdempotencyKeyReusedException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns bad input and refused commands into problem bodies that say which field or rule was at
 * fault, so a client can show the message next to the right input.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    static final URI VALIDATION = URI.create("https://soleus.io/problems/validation");
    static final URI RULE = URI.create("https://soleus.io/problems/rule-violation");

    /** One invalid field: its JSON path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLarge) {
                ProblemDetail problem = validationProblem(List.of(new FieldError("body", "is larger than this API accepts")));
                problem.setStatus(HttpStatus.PAYLOAD_TOO_LARGE);
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
            }
        }
        return ResponseEntity.badRequest().body(validationProblem(List.of(UnreadableJson.fieldOf(e))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        return ResponseEntity.badRequest().body(validationProblem(List.of(new FieldError(field, "is not valid"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(new FieldError(e.getParameterName(), "is required"))));
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return ResponseEntity.badRequest().body(validationProblem(e.all().entrySet().stream()
                .map(refused -> new FieldError(refused.getKey(), refused.getValue())).toList()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(leaf(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolationException e) {
        return ruleViolation(e, HttpStatus.CONFLICT);
    }

    /** What the caller may see but not do: a 403 naming the rule. */
    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ProblemDetail> notAllowed(NotAllowedException e) {
        return ruleViolation(e, HttpStatus.FORBIDDEN);
    }

    private static ResponseEntity<ProblemDetail> ruleViolation(RuleViolationException e, HttpStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(RULE);
        problem.setTitle("Rule violated: " + e.rule());
        problem.setProperty("rule", e.rule());
        e.details().forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return notFound(new NotFoundException("Nothing found with id " + e.getAggregateIdentifier()));
    }

    /**
     * An id of one kind of aggregate used where another is meant (a client's id as a session's):
     * Axon replays the other aggregate's events, none of which sets the identifier, and refuses the
     * result. For the caller that id names nothing of the kind asked for. (Axon 4.13's Spring
     * set-up ignores {@code @Aggregate(filterEventsByType)}, which would have made it a plain
     * "not found".)
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ProblemDetail> otherKindOfAggregate(IncompatibleAggregateException e) {
        return notFound(new NotFoundException("Nothing of this kind found with that id"));
    }

    /** A create command for an id that already exists: a 409, as the id names something that is there. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return ruleViolation(new RuleViolationException("already-exists", "Something with this id already exists"),
                HttpStatus.CONFLICT);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = validationProblem(List.of(new FieldError("Idempotency-Key", e.getMessage())));
        problem.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    /**
     * Anything unforeseen is a 500 problem that says nothing about the inside; the cause goes to the
     * log. Refused authorization passes through to the security filters, which answer 401 or 403.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        log.error("Request failed unexpectedly", e);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; it changed nothing. Try again later."));
    }

    static ProblemDetail validationProblem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")));
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }

    private static String leaf(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1); // drop the method name
    }
}
