package org.gridgov.shared;

import java.util.List;
import java.util.Map;

/**
 * Base of every rejection the domain makes. Carries a stable machine-readable {@link #code()} and, where the
 * rejection is about one or more fields, {@link #violations()}. Knows nothing of HTTP: the web layer maps the
 * {@link Kind} to a status.
 */
public class DomainException extends RuntimeException {

    /** What sort of rejection this is; the web layer turns it into a status code. */
    public enum Kind {
        /** The client's input is malformed or invalid (400). */
        INVALID,
        /** The thing does not exist, or is outside the caller's scope (404). */
        NOT_FOUND,
        /** The request conflicts with the current state (409). */
        CONFLICT,
        /** The input is well-formed but breaks a business rule (422). */
        RULE_VIOLATION,
        /** The caller could not be authenticated: bad credentials, locked, expired (401). */
        UNAUTHENTICATED,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** A conditional request's precondition failed: stale version (412). */
        PRECONDITION_FAILED,
        /** A required precondition header is missing (428). */
        PRECONDITION_REQUIRED,
        /** The content is larger than allowed (413). */
        TOO_LARGE,
        /** The content's type is not one that is accepted (415). */
        UNSUPPORTED_MEDIA_TYPE
    }

    private final Kind kind;
    private final String code;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties;

    public DomainException(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), Map.of());
    }

    public DomainException(Kind kind, String code, String message, List<FieldViolation> violations) {
        this(kind, code, message, violations, Map.of());
    }

    public DomainException(Kind kind, String code, String message, List<FieldViolation> violations,
            Map<String, Object> properties) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
    }

    public Kind kind() {
        return kind;
    }

    /** Stable machine-readable code, e.g. {@code grid.node.not-found}. */
    public String code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Extra members for the problem body (e.g. the allowed moves of a state machine). */
    public Map<String, Object> properties() {
        return properties;
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(Kind.NOT_FOUND, code, message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message);
    }

    public static DomainException invalidField(String code, String field, String message) {
        return new DomainException(Kind.INVALID, code, message, List.of(new FieldViolation(field, code, message)));
    }

    public static DomainException ruleViolation(String code, String field, String message) {
        List<FieldViolation> violations = field == null ? List.of() : List.of(new FieldViolation(field, code, message));
        return new DomainException(Kind.RULE_VIOLATION, code, message, violations);
    }
}
