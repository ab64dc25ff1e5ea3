package tw.gov.mohw.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page needs: the test-environment banner, who is signed in, and ROC dates ({@code ${roc}}). */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

    private final boolean testEnvironment;

    PageModel(@Value("${support.test-environment.enabled:false}") boolean testEnvironment) {
        this.testEnvironment = testEnvironment;
    }

    @ModelAttribute("testEnvironment")
    boolean testEnvironment() {
        return testEnvironment;
    }

    @ModelAttribute("roc")
    RocText roc() {
        return RocText.INSTANCE;
    }

    /** Who is signed in, for the header (null when nobody is). */
    @ModelAttribute("currentActor")
    tw.gov.mohw.support.shared.Actor currentActor() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof tw.gov.mohw.support.shared.Actor actor ? actor : null;
    }
}
