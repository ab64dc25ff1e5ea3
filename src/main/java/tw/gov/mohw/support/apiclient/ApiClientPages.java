package tw.gov.mohw.support.apiclient;

import jakarta.servlet.http.HttpServletResponse;
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
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.web.Problems;

/**
 * API 用戶端 for an institution's clerk: register a client of the hospital's own system, see when each was last
 * used, rotate a secret, revoke a client; for a system administrator, the same for the insurer's clients. A new or rotated secret is shown in the answer to that request only —
 * never stored, never redirected through the session — and the page is not cached.
 */
@Controller
class ApiClientPages {

    private final ApiClients clients;
    private final ApiClientProperties properties;
    private final Problems problems;

    ApiClientPages(ApiClients clients, ApiClientProperties properties, Problems problems) {
        this.clients = clients;
        this.properties = properties;
        this.problems = problems;
    }

    @GetMapping("/api-clients")
    String list(@AuthenticationPrincipal Actor actor, Model model) {
        return page(actor, model);
    }

    @PostMapping("/api-clients")
    String create(@AuthenticationPrincipal Actor actor, @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "scopes", required = false) List<String> scopes,
            @RequestParam(name = "perMinute", required = false) String perMinute, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            Integer rate = perMinute == null || perMinute.isBlank() ? null : parse(perMinute);
            shown(model, response, clients.create(actor, name, scopes, rate));
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            model.addAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale)).toList());
            model.addAttribute("name", name);
        }
        return page(actor, model);
    }

    @PostMapping("/api-clients/{id}/rotate")
    String rotate(@AuthenticationPrincipal Actor actor, @PathVariable long id, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            shown(model, response, clients.rotate(actor, id));
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            model.addAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale)).toList());
        }
        return page(actor, model);
    }

    @PostMapping("/api-clients/{id}/revoke")
    String revoke(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        clients.revoke(actor, id);
        redirect.addFlashAttribute("revoked", true);
        return "redirect:/api-clients";
    }

    private String page(Actor actor, Model model) {
        model.addAttribute("clients", clients.list(actor));
        model.addAttribute("scopes", ApiClients.scopesFor(actor));
        model.addAttribute("insurer", actor.is(Actor.Role.SYSTEM_ADMIN));
        model.addAttribute("defaultPerMinute", properties.perMinute());
        model.addAttribute("maxPerMinute", ApiClients.MAX_PER_MINUTE);
        model.addAttribute("tokenMinutes", properties.tokenLifetime().toMinutes());
        return "api-clients";
    }

    private static void shown(Model model, HttpServletResponse response, ApiClients.Issued issued) {
        model.addAttribute("issued", issued);
        response.setHeader("Cache-Control", "no-store");
    }

    private static int parse(String perMinute) {
        try {
            return Integer.parseInt(perMinute.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("perMinute", "apiclient.rate.range", ApiClients.MAX_PER_MINUTE);
        }
    }
}
