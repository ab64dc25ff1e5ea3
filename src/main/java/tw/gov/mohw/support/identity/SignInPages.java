package tw.gov.mohw.support.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tw.gov.mohw.support.shared.Actor;

/**
 * The sign-in pages (three tabs for personnel and institutions; password + authenticator or HPC card for staff),
 * the signed-in start page, signing out and signing out everywhere, and the session as the API's script sees it.
 */
@Controller
class SignInPages {

    private final Sessions sessions;
    private final StaffAccounts staff;
    private final SignInResponses responses;
    private final CardAgents agents;

    SignInPages(Sessions sessions, StaffAccounts staff, SignInResponses responses, CardAgents agents) {
        this.sessions = sessions;
        this.staff = staff;
        this.responses = responses;
        this.agents = agents;
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal Actor actor, @RequestParam(name = "error", required = false) String error,
            Model model) {
        if (actor != null) {
            return "redirect:/";
        }
        // only a known reason is shown: the parameter comes from the address bar
        if (error != null && error.matches("[A-Z_]{1,30}")) {
            model.addAttribute("errorKey", "signin.nhi.answer." + error);
        }
        model.addAttribute("hcaPorts", agents.hcaPorts());
        model.addAttribute("nhiPort", agents.nhiPort());
        model.addAttribute("installerUrl", agents.installerUrl());
        return "login";
    }

    @GetMapping("/staff/login")
    String staffLogin(@AuthenticationPrincipal Actor actor, Model model) {
        if (actor != null) {
            return "redirect:/";
        }
        model.addAttribute("hcaPorts", agents.hcaPorts());
        model.addAttribute("installerUrl", agents.installerUrl());
        return "staff-login";
    }

    record PasswordBody(String username, String password, String code) {
    }

    @PostMapping("/staff/login/password")
    @ResponseBody
    ResponseEntity<Object> staffPassword(@RequestBody PasswordBody body, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        var result = staff.signIn(body == null ? null : body.username(), body == null ? null : body.password(),
                body == null ? null : body.code());
        String subject = body == null ? null : "staff:" + body.username();
        if (result.actor() == null) {
            sessions.failed(request, SignInMethod.STAFF_PASSWORD_TOTP, result.refusal().name(), subject);
            return responses.refused(result.refusal() == StaffAccounts.Refusal.LOCKED ? HttpStatus.TOO_MANY_REQUESTS
                    : HttpStatus.UNAUTHORIZED, "signin.staff." + result.refusal().name(), locale);
        }
        sessions.signIn(request, response, result.actor(), SignInMethod.STAFF_PASSWORD_TOTP, subject);
        return responses.next("/");
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal Actor actor, HttpServletRequest request, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("method", request.getSession(false) == null ? null
                : request.getSession(false).getAttribute(Sessions.METHOD));
        return "home";
    }

    @PostMapping("/sign-out")
    String signOut(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
        sessions.signOut(request, actor, "signed out");
        return "redirect:/login?signedOut";
    }

    @PostMapping("/sign-out-everywhere")
    String signOutEverywhere(@AuthenticationPrincipal Actor actor, HttpServletRequest request) {
        int ended = sessions.endAll(actor);
        sessions.signOut(request, actor, "signed out everywhere (" + ended + " sessions)");
        return "redirect:/login?signedOutEverywhere";
    }

    /** Who is signed in, and the CSRF token script sends back in {@code X-CSRF-TOKEN}. */
    @GetMapping("/api/v1/session")
    @ResponseBody
    Map<String, Object> session(@AuthenticationPrincipal Actor actor, CsrfToken csrf) {
        return Map.of("account", actor.account(), "role", actor.role().name(), "csrfToken", csrf.getToken(),
                "csrfHeader", csrf.getHeaderName());
    }
}
