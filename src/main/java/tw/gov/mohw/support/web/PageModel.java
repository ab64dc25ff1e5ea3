package tw.gov.mohw.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's shared layout needs: whether to show the test-environment banner. */
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
}
