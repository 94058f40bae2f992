package org.gridgov.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where errors become RFC 9457 {@code application/problem+json}. Every body has a stable
 * {@code code}, a human {@code detail}, and {@code errors[]} ({@code field}, {@code code}, {@code message}) when
 * fields were rejected. Nothing a client sent ever produces a 500 or a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> handleDomain(DomainException ex, WebRequest request) {
        HttpStatus status = switch (ex.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_VIOLATION -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        };
        ProblemDetail problem = ProblemCodes.problem(status, ex.code(), ex.getMessage());
        if (!ex.violations().isEmpty()) {
            problem.setProperty("errors", ex.violations());
        }
        ex.properties().forEach(problem::setProperty);
        return problemResponse(problem, status);
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<Object> handleStaleWrite(ObjectOptimisticLockingFailureException ex) {
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.PRECONDITION_FAILED, "resource.version-stale",
                "The resource was changed by someone else; fetch it again and retry with its new ETag.");
        return problemResponse(problem, HttpStatus.PRECONDITION_FAILED);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException ex) {
        // a unique or foreign-key race the service could not see coming: a conflict, never a 500
        log.info("Integrity violation answered with 409: {}", ex.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.CONFLICT, "resource.conflict",
                "The request conflicts with data written at the same time; reload and retry.");
        return problemResponse(problem, HttpStatus.CONFLICT);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<FieldViolation> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), "field.invalid", v.getMessage()))
                .toList();
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.validation-failed",
                "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return problemResponse(problem, HttpStatus.BAD_REQUEST);
    }

    /**
     * A multipart body the container could not parse. Tomcat refuses a file name holding a NUL while parsing
     * ({@code InvalidFileNameException}, named here by class name: the shared kernel does not depend on Tomcat); the
     * platform's upload endpoints all take their file in the part {@code file}. Too large an upload keeps its 413.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> handleUnreadableMultipart(MultipartException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("InvalidFileNameException")) {
                String message = "the file name holds a control character";
                ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.control-character",
                        "Part 'file': " + message + ".");
                problem.setProperty("errors", List.of(new FieldViolation("file", "field.control-character", message)));
                return problemResponse(problem, HttpStatus.BAD_REQUEST);
            }
        }
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.malformed",
                "The multipart request body could not be read.");
        return problemResponse(problem, HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex) throws Exception {
        if (isSecurityException(ex)) {
            throw ex; // back to Spring Security's filter: 401 / 403 (a page for the console), never a 500
        }
        if (DatabaseUnavailable.is(ex)) {
            return databaseUnavailable(ex);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, ex);
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.INTERNAL_SERVER_ERROR, "server.error",
                "An unexpected error occurred. Reference: " + reference);
        problem.setProperty("reference", reference);
        return problemResponse(problem, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** PostgreSQL unreachable: 503 with Retry-After, so that clients retry later instead of giving up on a 500. */
    static ResponseEntity<Object> databaseUnavailable(Throwable ex) {
        log.warn("Database unavailable, answered 503: {}", ex.toString());
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.SERVICE_UNAVAILABLE, "server.database-unavailable",
                "The database cannot be reached at the moment; nothing was changed. Retry in "
                        + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS)).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldViolation(error.getField(), "field." + codeOf(error.getCode()),
                    error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors
                .add(new FieldViolation(error.getObjectName(), "object." + codeOf(error.getCode()),
                        error.getDefaultMessage())));
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.validation-failed",
                "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return problemResponse(problem, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors
                    .add(new FieldViolation(name, "field." + codeOf(error.getCodes() == null ? null
                            : error.getCodes()[error.getCodes().length - 1]), error.getDefaultMessage())));
        });
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.validation-failed",
                "The request has invalid parameters.");
        problem.setProperty("errors", errors);
        return problemResponse(problem, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        String message = "'" + ex.getValue() + "' is not a valid " + expected;
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.type-mismatch",
                "Parameter '" + name + "': " + message + ".");
        problem.setProperty("errors", List.of(new FieldViolation(name, "field.type-mismatch", message)));
        return problemResponse(problem, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                ProblemDetail problem = ProblemCodes.problem(HttpStatus.CONTENT_TOO_LARGE, "request.too-large",
                        tooLarge.getMessage());
                return problemResponse(problem, HttpStatus.CONTENT_TOO_LARGE);
            }
            if (cause instanceof ControlCharacterException control) {
                String field = path(control.getPath());
                String message = control.getOriginalMessage();
                ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.control-character",
                        "Field '" + field + "' " + message + ".");
                problem.setProperty("errors", List.of(new FieldViolation(field, "field.control-character", message)));
                return problemResponse(problem, HttpStatus.BAD_REQUEST);
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String field = path(jackson.getPath());
                String message = "has a value of the wrong type or format";
                ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.type-mismatch",
                        "Field '" + field + "' " + message + ".");
                problem.setProperty("errors", List.of(new FieldViolation(field, "field.type-mismatch", message)));
                return problemResponse(problem, HttpStatus.BAD_REQUEST);
            }
            cause = cause.getCause();
        }
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, "request.malformed",
                "The request body is missing or is not valid JSON.");
        return problemResponse(problem, HttpStatus.BAD_REQUEST);
    }

    /** Framework-handled exceptions (404, 405, 413, 415 …) get the platform's {@code code} and type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            ProblemCodes.withCode(problem, ProblemCodes.forStatus(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /**
     * Spring Security's access-denied and authentication exceptions, by name: the shared kernel does not depend on
     * Spring Security, and these must reach its ExceptionTranslationFilter.
     */
    static boolean isSecurityException(Throwable ex) {
        for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getName();
            if (name.equals("org.springframework.security.access.AccessDeniedException")
                    || name.equals("org.springframework.security.core.AuthenticationException")) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> problemResponse(ProblemDetail problem, HttpStatus status) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String codeOf(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size", "Length" -> "size";
            case "Pattern" -> "pattern";
            case "Min", "Max", "DecimalMin", "DecimalMax", "Range", "Positive", "PositiveOrZero" -> "range";
            default -> Character.toLowerCase(constraint.charAt(0)) + constraint.substring(1);
        };
    }
}
