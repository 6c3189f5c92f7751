package com.claimledger.kernel;

import java.util.List;

/**
 * A request the ledger refuses, with the HTTP status it maps to and (for validation failures) the fields at fault.
 * Thrown by aggregates and services alike so that one advice turns every refusal into problem+json.
 */
public class LedgerException extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400, "Bad Request"),
        NOT_FOUND(404, "Not Found"),
        CONFLICT(409, "Conflict"),
        PRECONDITION_FAILED(412, "Precondition Failed"),
        UNPROCESSABLE(422, "Unprocessable Content");

        public final int status;
        public final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public LedgerException(Kind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static LedgerException notFound(String what, String id) {
        return new LedgerException(Kind.NOT_FOUND, what + " '" + id + "' does not exist", List.of());
    }

    /** A record named in the request body by {@code field} does not exist. */
    public static LedgerException notFound(String what, String id, String field) {
        String message = what + " '" + id + "' does not exist";
        return new LedgerException(Kind.NOT_FOUND, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static LedgerException conflict(String detail) {
        return new LedgerException(Kind.CONFLICT, detail, List.of());
    }

    public static LedgerException staleVersion(long expected, long actual) {
        return new LedgerException(Kind.PRECONDITION_FAILED,
                "If-Match version " + expected + " is not the current version " + actual, List.of());
    }

    public static LedgerException invalid(String field, String message) {
        return new LedgerException(Kind.BAD_REQUEST, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static LedgerException unprocessable(String field, String message) {
        return new LedgerException(Kind.UNPROCESSABLE, field + ": " + message, List.of(new FieldError(field, message)));
    }
}
