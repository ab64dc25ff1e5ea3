package tw.gov.mohw.support.identity;

import java.util.List;
import java.util.Locale;
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

/**
 * 帳號管理 for administrators: a bureau's administrator creates and disables its reviewers, a system administrator
 * any account. The new colleague's initial password and authenticator key are shown once, here, and must be
 * replaced at their first sign-in.
 */
@Controller
class StaffPages {

    private final StaffAccounts accounts;
    private final Registry registry;
    private final Problems problems;

    StaffPages(StaffAccounts accounts, Registry registry, Problems problems) {
        this.accounts = accounts;
        this.registry = registry;
        this.problems = problems;
    }

    @GetMapping("/admin/staff")
    String list(@AuthenticationPrincipal Actor actor, Model model) {
        var manageable = accounts.manageable(actor);
        model.addAttribute("accounts", manageable);
        // accounts that would decide but cannot: separation of duties has nothing to check them against
        model.addAttribute("incomplete", manageable.stream()
                .filter(a -> a.enabled() && StaffAccounts.decides(a.role()) && a.nationalId() == null).count());
        model.addAttribute("systemAdmin", actor.is(Actor.Role.SYSTEM_ADMIN));
        model.addAttribute("roles", actor.is(Actor.Role.SYSTEM_ADMIN) ? List.of(Actor.Role.REVIEWER,
                Actor.Role.BUREAU_ADMIN, Actor.Role.NATIONAL_VIEWER, Actor.Role.SYSTEM_ADMIN) : List.of(Actor.Role.REVIEWER));
        model.addAttribute("bureaus", actor.is(Actor.Role.SYSTEM_ADMIN) ? registry.bureaus()
                : registry.bureau(actor.bureauCode()).map(List::of).orElse(List.of()));
        model.addAttribute("bureauNames", registry.bureaus().stream().collect(java.util.stream.Collectors.toMap(
                b -> b.countyCode(), b -> b.name())));
        return "admin/staff";
    }

    @PostMapping("/admin/staff")
    String create(@AuthenticationPrincipal Actor actor, @RequestParam(name = "username", required = false) String username,
            @RequestParam(name = "displayName", required = false) String displayName,
            @RequestParam(name = "role", defaultValue = "REVIEWER") String role,
            @RequestParam(name = "bureauCode", required = false) String bureauCode,
            @RequestParam(name = "nationalId", required = false) String nationalId, Model model, Locale locale) {
        try {
            Actor.Role r = Actor.Role.valueOf(role);
            // shown in this answer only: a redirect would keep the password in the session store until read
            model.addAttribute("created", accounts.create(actor, new StaffAccounts.NewAccount(
                    username == null ? null : username.strip(), r, actor.is(Actor.Role.SYSTEM_ADMIN) ? bureauCode
                            : actor.bureauCode(), displayName, nationalId)));
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            model.addAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale)).toList());
        } catch (IllegalArgumentException e) {
            model.addAttribute("errors", List.of(problems.message(
                    tw.gov.mohw.support.shared.Violation.of("role", "staff.forbidden"), locale)));
        }
        return list(actor, model);
    }

    /** 補登身分證號 of an account made without one: until then it decides nothing. */
    @PostMapping("/admin/staff/{username}/national-id")
    String completeNationalId(@AuthenticationPrincipal Actor actor, @PathVariable String username,
            @RequestParam(name = "nationalId", required = false) String nationalId, RedirectAttributes redirect,
            Locale locale) {
        try {
            accounts.completeNationalId(actor, username, nationalId);
            redirect.addFlashAttribute("completed", username);
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/admin/staff";
    }

    /** 重設密碼: a new initial password and authenticator secret, shown once here; all the account's sessions end. */
    @PostMapping("/admin/staff/{username}/reset")
    String reset(@AuthenticationPrincipal Actor actor, @PathVariable String username, Model model, Locale locale) {
        try {
            model.addAttribute("created", accounts.reset(actor, username));
            model.addAttribute("wasReset", true);
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            model.addAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale)).toList());
        }
        return list(actor, model);
    }

    @PostMapping("/admin/staff/{username}/disable")
    String disable(@AuthenticationPrincipal Actor actor, @PathVariable String username, RedirectAttributes redirect,
            Locale locale) {
        try {
            accounts.disable(actor, username);
            redirect.addFlashAttribute("disabled", username);
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/admin/staff";
    }
}
