package tw.gov.mohw.support.announcement;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.web.Problems;

/** 公告管理: publish and withdraw the announcements of the sign-in pages. */
@Controller
class AnnouncementPages {

    private final Announcements announcements;
    private final Registry registry;
    private final Problems problems;

    AnnouncementPages(Announcements announcements, Registry registry, Problems problems) {
        this.announcements = announcements;
        this.registry = registry;
        this.problems = problems;
    }

    @GetMapping("/admin/announcements")
    String list(@AuthenticationPrincipal Actor actor, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Announcements.NewAnnouncement("", "", "", "", ""));
        }
        model.addAttribute("announcements", announcements.manageable(actor, 50));
        model.addAttribute("systemAdmin", actor.is(Actor.Role.SYSTEM_ADMIN));
        model.addAttribute("bureaus", registry.bureaus());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin/announcements";
    }

    @PostMapping("/admin/announcements")
    String publish(@AuthenticationPrincipal Actor actor, @RequestParam(name = "title", defaultValue = "") String title,
            @RequestParam(name = "body", defaultValue = "") String body,
            @RequestParam(name = "shownFrom", defaultValue = "") String shownFrom,
            @RequestParam(name = "shownUntil", defaultValue = "") String shownUntil,
            @RequestParam(name = "bureauCode", required = false) String bureauCode, Model model,
            RedirectAttributes redirect, Locale locale) {
        var request = new Announcements.NewAnnouncement(title, body, shownFrom, shownUntil, bureauCode);
        try {
            redirect.addFlashAttribute("published", announcements.publish(actor, request).title());
            return "redirect:/admin/announcements";
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.merge(v.field(), problems.message(v, locale), (a, b) -> a + " " + b));
            model.addAttribute("form", request);
            model.addAttribute("errors", errors);
            return list(actor, model);
        }
    }

    @PostMapping("/admin/announcements/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        announcements.withdraw(actor, id);
        redirect.addFlashAttribute("withdrawn", true);
        return "redirect:/admin/announcements";
    }
}
