package tw.gov.mohw.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tw.gov.mohw.support.shared.AccessRefused;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Every error as problem+json in the reader's language, with field-level details: a refused command is a 4xx that
 * says what to fix; an unexpected failure is a 500 that says nothing of the inside (it is logged). A page — a
 * request a page controller handles, or one for no handler from a browser (it accepts text/html, outside
 * {@code /api/}) — gets the site's error page instead, with the same reasons: the servlet container's error dispatch
 * renders {@code templates/error.html}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Problems problems;
    private final ApplicationEventPublisher events;

    ApiExceptionHandler(Problems problems, ApplicationEventPublisher events) {
        this.problems = problems;
        this.events = events;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        if (e.kind() == DomainException.Kind.FORBIDDEN || e.kind() == DomainException.Kind.NOT_FOUND) {
            refused(e);
        }
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        return respond(status, "problem.detail." + e.kind().name().toLowerCase(Locale.ROOT), e.violations());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, "problem.detail.parameters",
                List.of(Violation.of(e.getName(), "field.type.mismatch")));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.warn("Refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return respond(HttpStatus.CONFLICT, "problem.detail.conflict", List.of());
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ProblemDetail> transientFailure(TransientDataAccessException e) {
        log.warn("Transient database failure: {}", e.getMessage());
        return respond(HttpStatus.SERVICE_UNAVAILABLE, "problem.detail.retry", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (DatabaseUnavailableFilter.unreachable(e)) {
            throw e; // DatabaseUnavailableFilter answers 503, for every request alike
        }
        // a multipart body the server cannot read: over the size limit (413), or malformed (a NUL in a file name,
        // a broken boundary: 400) — the client's doing, said as such, anonymously too
        boolean unreadable = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.endsWith("SizeLimitExceededException") || t instanceof MaxUploadSizeExceededException) {
                return respond(HttpStatus.CONTENT_TOO_LARGE, "problem.detail.http.413",
                        List.of(Violation.of("file", "attachment.too.large", 5)));
            }
            unreadable |= t instanceof MultipartException || name.equals("InvalidParameterException")
                    || name.equals("FileUploadException");
        }
        if (unreadable) {
            log.info("Refused an unreadable multipart request: {}", e.getMessage());
            return respond(HttpStatus.BAD_REQUEST, "problem.detail.unreadable", List.of());
        }
        log.error("Unexpected failure", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "problem.detail.internal", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::violation).toList();
        return cast(respond(HttpStatus.UNPROCESSABLE_CONTENT, "problem.detail.invalid", violations));
    }

    /**
     * Spring MVC validates constrained parameters itself. A request body that breaks its constraints is a 422 with
     * each field named, like any invalid content; a header or query parameter out of bounds is a 400.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> body = new java.util.ArrayList<>();
        List<Violation> parameters = new java.util.ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors
                    && result.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
                errors.getFieldErrors().forEach(error -> body.add(violation(error)));
            } else {
                result.getResolvableErrors().forEach(error -> parameters.add(Violation.of(
                        result.getMethodParameter().getParameterName(), "field.constraint", error.getDefaultMessage())));
            }
        }
        return parameters.isEmpty()
                ? cast(respond(HttpStatus.UNPROCESSABLE_CONTENT, "problem.detail.invalid", body))
                : cast(respond(HttpStatus.BAD_REQUEST, "problem.detail.parameters", parameters));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // text with a control character (TextInput): a 422 naming the field, like any invalid content
        if (e.getCause() instanceof tools.jackson.databind.exc.InvalidFormatException invalid
                && invalid.getOriginalMessage().startsWith(TextInput.CONTROL_CHARACTERS)) {
            String field = invalid.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                    : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
            return cast(respond(HttpStatus.UNPROCESSABLE_CONTENT, "problem.detail.invalid",
                    List.of(Violation.of(field, "field.control.characters"))));
        }
        return cast(respond(HttpStatus.BAD_REQUEST, "problem.detail.unreadable", List.of()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return (respond(HttpStatus.BAD_REQUEST, "problem.detail.parameters",
                List.of(Violation.of(e.getHeaderName(), "header.required", e.getHeaderName()))));
    }

    /** Everything else Spring MVC refuses (404, 405, 406, 415, …): the same shape, the reader's language. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        if (page(status, List.of())) {
            return null;
        }
        ProblemDetail problem = problems.of(status, "problem.detail.http." + status.value(),
                LocaleContextHolder.getLocale());
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private ResponseEntity<ProblemDetail> respond(HttpStatus status, String key, List<Violation> violations) {
        if (page(status, violations)) {
            return null;
        }
        return ResponseEntity.status(status).body(problems.of(status, key, violations, LocaleContextHolder.getLocale()));
    }

    /**
     * For a page request, hands the refusal to the error page (the reasons as a request attribute) and says so;
     * an API client keeps its problem+json.
     */
    private boolean page(HttpStatus status, List<Violation> violations) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || attributes.getResponse() == null) {
            return false;
        }
        HttpServletRequest request = attributes.getRequest();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean wantsHtml = accept != null && accept.contains("text/html");
        boolean wantsJsonOnly = accept != null && accept.contains("json") && !wantsHtml;
        // a page's own handler answers with a page unless JSON alone was asked for; where no handler matched
        // (an address that is nothing), the Accept header decides
        boolean page = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod h
                ? !AnnotatedElementUtils.hasAnnotation(h.getBeanType(), ResponseBody.class)
                        && !h.hasMethodAnnotation(ResponseBody.class) && !wantsJsonOnly
                : wantsHtml && !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        if (!page || attributes.getResponse().isCommitted()) {
            return false;
        }
        Locale locale = LocaleContextHolder.getLocale();
        request.setAttribute("reasons", violations.stream().map(v -> problems.message(v, locale)).toList());
        request.setAttribute(SiteErrors.PAGE, true);
        try {
            attributes.getResponse().sendError(status.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return true;
    }

    /** A refusal of access found by the application goes to the security log, as Spring Security's own do. */
    private void refused(DomainException e) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            var auth = SecurityContextHolder.getContext().getAuthentication();
            events.publishEvent(new AccessRefused(auth != null && auth.getPrincipal() instanceof Actor actor
                    ? actor.account() : null, request.getMethod() + " " + request.getRequestURI(),
                    e.violations().isEmpty() ? e.kind().name() : e.violations().get(0).messageKey(),
                    request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)));
        }
    }

    private static Violation violation(FieldError error) {
        String code = error.getCode() == null ? "" : error.getCode();
        return switch (code) {
            case "Size" -> Violation.of(error.getField(), "field.size", error.getArguments() == null
                    || error.getArguments().length < 2 ? "" : error.getArguments()[1]);
            default -> Violation.of(error.getField(), "field.constraint", error.getDefaultMessage());
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
