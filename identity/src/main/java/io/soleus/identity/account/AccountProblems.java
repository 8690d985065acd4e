package io.soleus.identity.account;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The account API's bad input as RFC 9457 problem bodies naming each field, shaped as the services' are. */
@RestControllerAdvice(assignableTypes = {AccountController.class, ClientSignInController.class})
class AccountProblems extends ResponseEntityExceptionHandler {

    private static final URI VALIDATION = URI.create("https://soleus.io/problems/validation");

    record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage())).toList()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(List.of(new FieldError("body", "is missing or not readable"))));
    }

    @ExceptionHandler(AccountController.InvalidField.class)
    ResponseEntity<ProblemDetail> invalidField(AccountController.InvalidField e) {
        return ResponseEntity.badRequest().body(problem(List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ExceptionHandler(Accounts.PersonTaken.class)
    ResponseEntity<ProblemDetail> personTaken(Accounts.PersonTaken e) {
        ProblemDetail problem = problem(List.of(new FieldError(e.field(), e.getMessage())));
        problem.setStatus(HttpStatus.CONFLICT);
        problem.setTitle("Has a sign-in");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(Passwords.TooLong.class)
    ResponseEntity<ProblemDetail> tooLong(Passwords.TooLong e) {
        return ResponseEntity.badRequest().body(problem(List.of(new FieldError("password", e.getMessage()))));
    }

    @ExceptionHandler(Accounts.EmailTaken.class)
    ResponseEntity<ProblemDetail> taken(Accounts.EmailTaken e) {
        ProblemDetail problem = problem(List.of(new FieldError("email", "is in use by another account")));
        problem.setStatus(HttpStatus.CONFLICT);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    private static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")));
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperties(Map.of("errors", errors));
        return problem;
    }
}
