package tw.gov.mohw.support.testenv;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tw.gov.mohw.support.identity.CardAgents;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;

/**
 * TEST ENVIRONMENT ONLY: the tester's desk — which test card is in each simulated reader, the cards' PINs and
 * passwords, the staff accounts with their current authenticator codes, and links to the SMS outbox.
 */
@Controller
@ConditionalOnProperty(name = "support.test-environment.enabled", havingValue = "true")
class TestEnvironmentController {

    private final TestCards cards;
    private final CardAgentSimulator agent;
    private final TestStaff staff;
    private final CardAgents agents;
    private final Registry registry;

    TestEnvironmentController(TestCards cards, CardAgentSimulator agent, TestStaff staff, CardAgents agents,
            Registry registry) {
        this.registry = registry;
        this.cards = cards;
        this.agent = agent;
        this.staff = staff;
        this.agents = agents;
    }

    @GetMapping("/test-environment")
    String desk(Model model) {
        model.addAttribute("hcaCards", cards.hcaCards());
        model.addAttribute("nhiCards", cards.nhiCards());
        // sign-in without a card needs the holder's ID and the mobile number on record
        model.addAttribute("noCardPeople", cards.nhiCards().stream()
                .map(c -> registry.practitioner(NationalId.parse(c.nationalId())).orElse(null))
                .filter(p -> p != null && p.mobile() != null).toList());
        model.addAttribute("hcaInserted", agent.hcaInserted());
        model.addAttribute("nhiInserted", agent.nhiInserted());
        model.addAttribute("staff", staff.accounts());
        model.addAttribute("staffPassword", TestStaff.PASSWORD);
        model.addAttribute("pin", TestCards.PIN);
        model.addAttribute("nhiPassword", TestCards.NHI_PASSWORD);
        model.addAttribute("agentRunning", agent.running());
        model.addAttribute("hcaPorts", agents.hcaPorts());
        model.addAttribute("nhiPort", agents.nhiPort());
        return "test-environment/index";
    }

    /** Puts a card in a simulated reader (an empty value takes it out). */
    @PostMapping("/test-environment/reader")
    String insert(@RequestParam(name = "hca", required = false) String hca,
            @RequestParam(name = "nhi", required = false) String nhi) {
        if (hca != null) {
            agent.insertHca(hca.isBlank() || cards.hcaCard(hca).isEmpty() ? null : hca);
        }
        if (nhi != null) {
            agent.insertNhi(nhi.isBlank() || cards.nhiCard(nhi).isEmpty() ? null : nhi);
        }
        return "redirect:/test-environment?inserted";
    }
}
