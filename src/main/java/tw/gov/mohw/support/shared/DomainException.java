package tw.gov.mohw.support.shared;

import java.util.List;

/**
 * A request the domain refuses, with the reasons as message keys. The web layer turns it into an RFC 9457 problem
 * with field-level details; nothing has been changed when it is thrown.
 */
public class DomainException extends RuntimeException {

    private final Kind kind;
    private final List<Violation> violations;

    public DomainException(Kind kind, List<Violation> violations) {
        super(kind + " " + violations.stream().map(Violation::messageKey).toList());
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public DomainException(Kind kind, Violation violation) {
        this(kind, List.of(violation));
    }

    public static DomainException invalid(String field, String messageKey, Object... args) {
        return new DomainException(Kind.INVALID, Violation.of(field, messageKey, args));
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether this refuses the caller rather than their input (403, 404). A page shows input and state refusals next
     * to the form; these go to the error page with their status, and to the security log.
     */
    public boolean refusesAccess() {
        return kind == Kind.FORBIDDEN || kind == Kind.NOT_FOUND;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** How the refusal maps to HTTP: what the client should do differently. */
    public enum Kind {
        /** The input breaks a rule (HTTP 422). */
        INVALID,
        /** The input clashes with the current state of something (HTTP 409). */
        CONFLICT,
        /** The caller may not do this (HTTP 403). */
        FORBIDDEN,
        /** No such thing, or the caller may not know it exists (HTTP 404). */
        NOT_FOUND
    }
}
