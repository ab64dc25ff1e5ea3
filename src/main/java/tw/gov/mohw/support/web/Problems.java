package tw.gov.mohw.support.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.shared.Violation;

/**
 * Builds RFC 9457 problems in the reader's language: a title and detail for the whole, and one entry per field
 * under {@code errors}. Texts come from the message bundle; a missing text shows its key rather than failing.
 */
@Component
public class Problems {

    private final MessageSource messages;
    private final tools.jackson.databind.json.JsonMapper json;

    Problems(MessageSource messages, tools.jackson.databind.json.JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** Writes a problem straight to the response, for filters that answer before Spring MVC is reached. */
    public void write(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
            HttpStatus status, String detailKey) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(of(status, detailKey, localeOf(request))));
    }

    /**
     * A refusal at the gate of {@code /fhir/**}, as the FHIR OperationOutcome its clients read: a fixed text, so no
     * FHIR library is needed where requests are refused before they reach the FHIR module.
     */
    public static void writeOperationOutcome(jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
            String code, String diagnostics) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                + "\"error\",\"code\":\"" + code + "\",\"diagnostics\":\"" + diagnostics + "\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public ProblemDetail of(HttpStatus status, String detailKey, List<Violation> violations, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("urn:problem:" + detailKey));
        problem.setTitle(text("problem.title." + status.value(), new Object[0], locale,
                status.getReasonPhrase()));
        problem.setDetail(text(detailKey, new Object[0], locale, detailKey));
        if (RequestIds.current() != null) {
            problem.setProperty("requestId", RequestIds.current());
        }
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations.stream().map(v -> Map.of(
                    "field", v.field() == null ? "" : v.field(),
                    "code", v.messageKey(),
                    "message", text(v.messageKey(), args(v, locale), locale, v.messageKey()))).toList());
            if (violations.size() == 1 && violations.get(0).field() == null) {
                Violation only = violations.get(0);
                problem.setDetail(text(only.messageKey(), args(only, locale), locale, only.messageKey()));
            }
        }
        return problem;
    }

    /** The reader's language where Spring MVC has not resolved it yet (in servlet filters): zh-TW unless English. */
    public static Locale localeOf(jakarta.servlet.http.HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        return header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH
                : WebConfiguration.TRADITIONAL_CHINESE;
    }

    public ProblemDetail of(HttpStatus status, String detailKey, Locale locale) {
        return of(status, detailKey, List.of(), locale);
    }

    /** One violation's text in the reader's language, as a page shows it next to its field. */
    public String message(Violation v, Locale locale) {
        return text(v.messageKey(), args(v, locale), locale, v.messageKey());
    }

    /** Enum arguments (a status, a category) are shown by their name in the reader's language. */
    private Object[] args(Violation v, Locale locale) {
        return v.args().stream().map(a -> a instanceof Enum<?> e
                ? text("enum." + e.getDeclaringClass().getSimpleName() + "." + e.name(), new Object[0], locale, e.name())
                : a).toArray();
    }

    private String text(String key, Object[] args, Locale locale, String fallback) {
        return messages.getMessage(key, args, fallback, locale);
    }
}
