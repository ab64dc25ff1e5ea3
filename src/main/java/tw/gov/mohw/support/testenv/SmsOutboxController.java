package tw.gov.mohw.support.testenv;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** TEST ENVIRONMENT ONLY: the simulated provider's outbox, so a tester can read the codes "sent" to phones. */
@Controller
@ConditionalOnProperty(name = "support.sms.provider", havingValue = "simulator")
class SmsOutboxController {

    private final SimulatedSmsGateway gateway;

    SmsOutboxController(SimulatedSmsGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/test-environment/sms-outbox")
    String outbox(Model model) {
        model.addAttribute("messages", gateway.outbox());
        return "test-environment/sms-outbox";
    }
}
