package tw.gov.mohw.support.identity;

import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.web.Problems;

/** What the sign-in endpoints answer the login page's script: where to go next, or a problem it shows as is. */
@Component
public class SignInResponses {

    private final Problems problems;

    SignInResponses(Problems problems) {
        this.problems = problems;
    }

    public ResponseEntity<Object> next(String location) {
        return ResponseEntity.ok(Map.of("redirect", location));
    }

    public ResponseEntity<Object> refused(HttpStatus status, String messageKey, Locale locale, Object... args) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.of(status, messageKey, java.util.List.of(
                        tw.gov.mohw.support.shared.Violation.of(null, messageKey, args)), locale));
    }
}
