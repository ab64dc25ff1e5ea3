package tw.gov.mohw.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the servlet container sends an error ({@code /error}): the site's error page ({@code templates/error.html},
 * in the page's language, with the reasons and a way back) for a page — one {@link ApiExceptionHandler} marked as
 * such, or any request from a browser (it accepts text/html) — and problem+json for everything else.
 */
@Controller
class SiteErrors implements ErrorController {

    /** Set by {@link ApiExceptionHandler} when the refused request was a page. */
    static final String PAGE = SiteErrors.class.getName() + ".page";

    private final Problems problems;

    SiteErrors(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        HttpStatus status = HttpStatus.resolve(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                instanceof Integer code ? code : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (Boolean.TRUE.equals(request.getAttribute(PAGE)) || accept != null && accept.contains("text/html")) {
            ModelAndView page = new ModelAndView("error", status);
            page.addObject("status", status.value());
            if (request.getAttribute("reasons") == null) {
                page.addObject("reasons", List.of());
            }
            return page;
        }
        problems.write(request, response, status, "problem.detail.http." + status.value());
        return null;
    }
}
