package com.claimledger.web;

import com.claimledger.kernel.Ids;
import com.claimledger.kernel.LedgerException.FieldError;
import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.RecordedNotYetVisible;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns every refusal into RFC 9457 problem+json: {@code type}, {@code title}, {@code status}, {@code detail}, and
 * for validation failures {@code errors: [{field, message}]}. Never a stack trace, never an internal class name.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://claimledger.example/problems/";
    /** The collections whose records a write creates or changes, each record at {@code /api/<collection>/<id>}. */
    private static final Set<String> RECORD_COLLECTIONS = Set.of("claims", "entities", "articles");

    public static ProblemDetail problem(int status, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setTitle(title);
        problem.setType(URI.create(TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-')));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Writes a problem straight to the response, for refusals made before a controller is reached (filters). */
    public static void write(HttpServletResponse response, ObjectMapper json, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem(status, title, detail, List.of()));
    }

    /**
     * Not a refusal: the write committed and stays, but the projections did not show it within the read-your-writes
     * patience (a replay rebuilding them, a busy machine), so no view can answer with it yet. 202 Accepted, with
     * where the record will read ({@code Location}) and when to look ({@code Retry-After}); a client that took this
     * for a failure and sent the write again would get an identical repeat, or a 412 on a relation it already made.
     */
    @ExceptionHandler(RecordedNotYetVisible.class)
    ResponseEntity<RecordedResponse> recordedNotYetVisible(RecordedNotYetVisible recorded, HttpServletRequest request) {
        String location = location(request.getRequestURI().substring(request.getContextPath().length()), recorded);
        log.warn("{} {}: {} recorded; answered 202 after {} without the projections showing it", request.getMethod(),
                request.getRequestURI(), recorded.records(), recorded.waited());
        ResponseEntity.BodyBuilder accepted = ResponseEntity.status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.RETRY_AFTER, "1").contentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            accepted.location(URI.create(location));
        }
        return accepted.body(new RecordedResponse("RECORDED", recorded.getMessage(), recorded.records(), location));
    }

    /** The body of a 202 for a write stored but not yet shown by the views. */
    public record RecordedResponse(String status, String detail, List<String> records, String location) {
    }

    /**
     * Where the written record reads once the views show it: the record a path names ({@code /api/claims/c-1/disputes}
     * → {@code /api/claims/c-1}), or the one a create made in a collection ({@code /api/claims} → its new id).
     */
    static String location(String path, RecordedNotYetVisible recorded) {
        String[] segments = path.split("/");
        if (segments.length < 3 || !segments[1].equals("api") || !RECORD_COLLECTIONS.contains(segments[2])) {
            return null;
        }
        String collection = "/api/" + segments[2] + "/";
        if (segments.length >= 4) {
            return collection + segments[3];
        }
        // Ids have the URL-safe form Ids checks, so they go into the path as they are.
        return recorded.createdId().filter(Ids::wellFormed).map(id -> collection + id).orElse(null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> any(Exception exception, HttpServletRequest request) {
        Throwable cause = exception;
        while (cause != null) {
            if (cause instanceof InputLimits.BodyTooLarge tooLarge) {
                return respond(problem(413, "Content Too Large", tooLarge.getMessage(), List.of()));
            }
            if (cause instanceof LedgerException refusal) {
                return respond(problem(refusal.kind().status, refusal.kind().title, refusal.getMessage(), refusal.errors()));
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return respond(problem(404, "Not Found", "'" + notFound.getAggregateIdentifier() + "' does not exist", List.of()));
            }
            if (cause instanceof IncompatibleAggregateException) {
                // Entities, articles and claims share one event store keyed by id: the id's stream is another kind's.
                return respond(problem(409, "Conflict", "this id already names a record of another kind;"
                        + " ids are unique across entities, articles and claims", List.of()));
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof DataIntegrityViolationException) {
                // Another writer got there first: with If-Match the client's version is now stale.
                if (request.getHeader("If-Match") != null) {
                    return respond(problem(412, "Precondition Failed",
                            "another write changed the claim first; the If-Match version is no longer current", List.of()));
                }
                return respond(problem(409, "Conflict", "a concurrent write touched the same record; read it again and retry", List.of()));
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        log.error("unexpected failure", exception);
        return respond(problem(500, "Internal Server Error", "the ledger could not complete the request", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        FieldError error;
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InputLimits.BodyTooLarge tooLarge) {
                return cast(problem(413, "Content Too Large", tooLarge.getMessage(), List.of()));
            }
        }
        if (cause instanceof InputLimits.ControlCharacter control) {
            error = new FieldError(path(control), "must not contain control characters");
        } else if (cause instanceof StreamConstraintsException) {
            error = new FieldError("body", "JSON nested too deeply");
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            error = new FieldError(path(unknown), "unknown field");
        } else if (cause instanceof InvalidFormatException invalid) {
            error = new FieldError(path(invalid), "'" + invalid.getValue() + "' is not a valid " + typeName(invalid.getTargetType()));
        } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            error = new FieldError(path(mismatched), "expected " + typeName(mismatched.getTargetType()));
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            error = new FieldError(path(mapping), "invalid value");
        } else if (cause instanceof JsonParseException parse && parse.getMessage().startsWith("Duplicate field")) {
            error = new FieldError(duplicateField(parse), "appears twice");
        } else if (cause instanceof JsonParseException parse) {
            error = new FieldError("body", "malformed JSON at line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr());
        } else {
            error = new FieldError("body", "missing or unreadable JSON body");
        }
        return cast(problem(400, "Bad Request", error.field() + ": " + error.message(), List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage())).toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return cast(problem(400, "Bad Request", detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(e -> new FieldError(
                        result.getMethodParameter().getParameterName(), e.getDefaultMessage())))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return cast(problem(400, "Bad Request", detail, errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        FieldError error = new FieldError(ex.getName(), "'" + ex.getValue() + "' is not a valid "
                + typeName(ex.getRequiredType()));
        return respond(problem(400, "Bad Request", error.field() + ": " + error.message(), List.of(error)));
    }

    /**
     * A path nothing answers: Spring 6.1+ looks for a static resource last and would say "No static resource …",
     * which the ledger does not serve; the client only needs to know the path is wrong.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return cast(problem(404, "Not Found", "no such path: nothing in the ledger's API answers "
                + ex.getHttpMethod() + " at this path", List.of()));
    }

    /** Spring's own problems (404 for unknown paths, 405, 415, missing parameters ...) keep its status, in our shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            detail.setType(URI.create(TYPE_BASE + status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-')));
            detail.setInstance(null);
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> cast(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String duplicateField(JsonParseException e) {
        String message = e.getOriginalMessage();
        int open = message.indexOf('\'');
        int close = message.indexOf('\'', open + 1);
        return open >= 0 && close > open ? message.substring(open + 1, close) : "body";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static final Map<String, String> TYPE_NAMES = Map.of("String", "string", "Integer", "integer",
            "Long", "integer", "int", "integer", "long", "integer", "Boolean", "boolean", "List", "array");

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value (one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return TYPE_NAMES.getOrDefault(type.getSimpleName(), type.isRecord() ? "object" : "value");
    }
}
