package tw.gov.mohw.support.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import tw.gov.mohw.support.shared.DomainException;

/**
 * A refusal on a page is a page: the error layout with the reason in the reader's language (the JSON API keeps its
 * problem+json). Nothing has changed when it is shown.
 */
// the page controllers' packages (the JSON API's controllers keep ApiExceptionHandler's problem+json)
@ControllerAdvice(basePackages = {"tw.gov.mohw.support.report.web", "tw.gov.mohw.support.audit.web",
        "tw.gov.mohw.support.notification", "tw.gov.mohw.support.announcement"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private final Problems problems;

    PageErrors(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView refused(DomainException e, HttpServletResponse response, Locale locale) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reasons", e.violations().stream().map(v -> problems.message(v, locale)).toList());
        return page;
    }
}
