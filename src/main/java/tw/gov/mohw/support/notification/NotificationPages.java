package tw.gov.mohw.support.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Practitioner;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * 通知設定: where a person or an institution's clerk wants to hear that a report was decided or cancelled. Staff
 * have nothing to set here: their notices are the queue.
 */
@Controller
class NotificationPages {

    private static final Pattern MOBILE = Pattern.compile("09\\d{8}");
    // what a person types as an address (one @, a dot in the domain, no spaces); the mail server has the last word
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}");

    private final NotificationContacts contacts;
    private final Registry registry;

    NotificationPages(NotificationContacts contacts, Registry registry) {
        this.contacts = contacts;
        this.registry = registry;
    }

    @GetMapping("/account/notifications")
    String show(@AuthenticationPrincipal Actor actor, Model model) {
        NotificationContacts.Contact c = contacts.of(accountOf(actor));
        model.addAttribute("mobile", c.mobile());
        model.addAttribute("email", c.email());
        return page(actor, model, Map.of());
    }

    @PostMapping("/account/notifications")
    String save(@AuthenticationPrincipal Actor actor, @RequestParam(name = "mobile", defaultValue = "") String mobile,
            @RequestParam(name = "email", defaultValue = "") String email, Model model, RedirectAttributes redirect) {
        String account = accountOf(actor);
        String m = mobile.replaceAll("[\\s-]", "");
        String e = email.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!m.isEmpty() && !MOBILE.matcher(m).matches()) {
            errors.put("mobile", "notification.mobile.invalid");
        }
        if (!e.isEmpty() && (e.length() > 254 || !EMAIL.matcher(e).matches())) {
            errors.put("email", "notification.email.invalid");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("mobile", mobile);
            model.addAttribute("email", email);
            return page(actor, model, errors);
        }
        contacts.save(account, new NotificationContacts.Contact(m.isEmpty() ? null : m, e.isEmpty() ? null : e));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/account/notifications";
    }

    private String page(Actor actor, Model model, Map<String, String> errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("institution", actor.is(Actor.Role.INSTITUTION));
        if (actor.is(Actor.Role.PRACTITIONER)) {
            model.addAttribute("registryMobile", registry.practitioner(NationalId.parse(actor.nationalId()))
                    .map(Practitioner::mobile).map(m -> Addresses.masked("SMS", m)).orElse(null));
        }
        return "account-notifications";
    }

    private static String accountOf(Actor actor) {
        if (!actor.is(Actor.Role.PRACTITIONER, Actor.Role.INSTITUTION)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "notification.forbidden"));
        }
        return actor.account();
    }
}
