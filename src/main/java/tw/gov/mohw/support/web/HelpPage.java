package tw.gov.mohw.support.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** 使用說明: what users need, how to sign in, the test environment; open to everyone. */
@Controller
class HelpPage {

    @GetMapping("/help")
    String help() {
        return "help";
    }
}
