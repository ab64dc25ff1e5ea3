package tw.gov.mohw.support.testenv;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** TEST ENVIRONMENT ONLY: the simulated mail server's outbox, so a tester can read the notifications "sent". */
@Controller
@ConditionalOnProperty(name = "support.mail.provider", havingValue = "simulator")
class MailOutboxController {

    private final SimulatedMailGateway gateway;

    MailOutboxController(SimulatedMailGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/test-environment/mail-outbox")
    String outbox(Model model) {
        model.addAttribute("messages", gateway.outbox());
        return "test-environment/mail-outbox";
    }
}
