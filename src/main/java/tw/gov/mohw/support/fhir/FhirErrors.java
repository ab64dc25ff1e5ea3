package tw.gov.mohw.support.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tw.gov.mohw.support.shared.AccessRefused;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;

/**
 * Every failure under {@code /fhir/r4} as an OperationOutcome, before the site's problem+json handler sees it (a
 * FHIR client understands only OperationOutcome). A refusal of access reads as "not found", as everywhere else, and
 * goes to the security log; an unexpected failure is a 500 that says nothing of the inside (it is logged).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = FhirController.class)
class FhirErrors {

    private static final Logger log = LoggerFactory.getLogger(FhirErrors.class);

    private final FhirJson json;
    private final ApplicationEventPublisher events;

    FhirErrors(FhirJson json, ApplicationEventPublisher events) {
        this.json = json;
        this.events = events;
    }

    @ExceptionHandler(FhirProblem.class)
    ResponseEntity<byte[]> problem(FhirProblem e, HttpServletRequest request) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            refused(request, "fhir.not.found");
        }
        return json.respond(e.status(), e.outcome());
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<byte[]> domain(DomainException e, HttpServletRequest request) {
        if (e.refusesAccess()) {
            refused(request, e.violations().isEmpty() ? e.kind().name() : e.violations().get(0).messageKey());
            return json.respond(HttpStatus.NOT_FOUND, FhirProblem.notFound().outcome());
        }
        return json.respond(HttpStatus.BAD_REQUEST,
                FhirProblem.outcome(OperationOutcome.IssueType.INVALID, "Invalid search parameter value"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        log.error("FHIR request failed: {} {}", request.getMethod(), request.getRequestURI(), e);
        return json.respond(HttpStatus.INTERNAL_SERVER_ERROR,
                FhirProblem.outcome(OperationOutcome.IssueType.EXCEPTION, "Internal error"));
    }

    private void refused(HttpServletRequest request, String reason) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        events.publishEvent(new AccessRefused(auth != null && auth.getPrincipal() instanceof Actor actor
                ? actor.account() : null, request.getMethod() + " " + request.getRequestURI(), reason,
                request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)));
    }
}
