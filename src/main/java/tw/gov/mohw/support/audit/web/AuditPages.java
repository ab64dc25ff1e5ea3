package tw.gov.mohw.support.audit.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tw.gov.mohw.support.audit.AuditTrail;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * 稽核紀錄 for system administrators: the newest entries, or those of one subject or account, and a button that
 * walks the whole hash chain and says whether it is intact (and where it breaks).
 */
@Controller
class AuditPages {

    private final AuditTrail trail;
    private final MessageSource messages;

    AuditPages(AuditTrail trail, MessageSource messages) {
        this.trail = trail;
        this.messages = messages;
    }

    @GetMapping("/admin/audit")
    String search(@AuthenticationPrincipal Actor actor, @RequestParam(name = "q", required = false) String q,
            Model model, Locale locale) {
        requireAdmin(actor);
        model.addAttribute("q", q);
        model.addAttribute("text", new AuditText(messages, locale));
        model.addAttribute("entries", trail.search(q == null ? null : q.strip(), 100));
        return "admin/audit";
    }

    @PostMapping("/admin/audit/verification")
    String verify(@AuthenticationPrincipal Actor actor, Model model, Locale locale) {
        requireAdmin(actor);
        model.addAttribute("verification", trail.verify());
        return search(actor, null, model, locale);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.is(Actor.Role.SYSTEM_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "audit.forbidden"));
        }
    }
}
