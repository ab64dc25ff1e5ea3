package tw.gov.mohw.support.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
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
import tw.gov.mohw.support.announcement.Announcements;
import tw.gov.mohw.support.identity.nhi.SmsCodes;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;

/**
 * The sign-in pages (three tabs for personnel and institutions; password + authenticator or HPC card for staff),
 * the signed-in start page, signing out and signing out everywhere, and the session as the API's script sees it.
 */
@Controller
class SignInPages {

    private final Announcements announcements;
    private final Sessions sessions;
    private final StaffAccounts staff;
    private final SignInResponses responses;
    private final CardAgents agents;
    private final Registry registry;
    private final SmsCodes smsCodes;
    private final java.time.Clock clock;
    private final org.springframework.context.MessageSource messages;

    SignInPages(Sessions sessions, StaffAccounts staff, SignInResponses responses, CardAgents agents,
            Announcements announcements, Registry registry, SmsCodes smsCodes, java.time.Clock clock,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.registry = registry;
        this.smsCodes = smsCodes;
        this.clock = clock;
        this.announcements = announcements;
        this.sessions = sessions;
        this.staff = staff;
        this.responses = responses;
        this.agents = agents;
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal Actor actor, @RequestParam(name = "error", required = false) String error,
            HttpServletRequest request, Model model) {
        if (actor != null) {
            return "redirect:/";
        }
        // only a known reason is shown: the parameter comes from the address bar
        if (error != null && error.matches("[A-Z_]{1,30}")) {
            model.addAttribute("errorKey", "signin.nhi.answer." + error);
        }
        model.addAttribute("announcements", announcements.current());
        model.addAttribute("hcaPorts", agents.hcaPorts());
        model.addAttribute("nhiPort", agents.nhiPort());
        model.addAttribute("installerUrl", agents.installerUrl());
        // a code already on its way (the page was reloaded): the code step, the countdown where it stands
        String attempt = SignInAttempt.existing(request.getSession(false));
        if (attempt != null) {
            smsCodes.pending(attempt).ifPresent(sent -> model.addAttribute("smsResendIn",
                    Math.max(0, java.time.Duration.between(clock.instant(), sent.resendAfter()).toSeconds())));
        }
        return "login";
    }

    @GetMapping("/staff/login")
    String staffLogin(@AuthenticationPrincipal Actor actor, Model model) {
        if (actor != null) {
            return "redirect:/";
        }
        model.addAttribute("announcements", announcements.current());
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
                body == null ? null : body.code(), request.getRemoteAddr());
        // only a well-formed name goes into the log: a password typed into the name field must not
        String subject = body != null && body.username() != null && body.username().matches("[a-z0-9][a-z0-9._-]{0,31}")
                ? "staff:" + body.username() : "staff:(not a username)";
        if (result.refusal() == StaffAccounts.Refusal.MUST_CHANGE) {
            var session = request.getSession(true);
            // privilege rises here (password and code accepted): a new session id, so a session planted before
            // cannot see the new authenticator secret or set the password
            request.changeSessionId();
            SignInAttempt.put(session, FIRST_USER, result.actor().account().substring("staff:".length()));
            SignInAttempt.put(session, FIRST_SECRET, java.util.HexFormat.of().formatHex(Totp.newSecret()));
            return responses.next("/staff/first-sign-in");
        }
        if (result.actor() == null) {
            sessions.failed(request, SignInMethod.STAFF_PASSWORD_TOTP, result.refusal().name(), subject);
            return responses.refused(result.refusal() == StaffAccounts.Refusal.LOCKED ? HttpStatus.TOO_MANY_REQUESTS
                    : HttpStatus.UNAUTHORIZED, "signin.staff." + result.refusal().name(), locale);
        }
        sessions.signIn(request, response, result.actor(), SignInMethod.STAFF_PASSWORD_TOTP, subject);
        return responses.next("/");
    }

    private static final String FIRST_USER = "staff.firstSignIn.username";
    private static final String FIRST_SECRET = "staff.firstSignIn.secret";

    /** First sign-in of an account an administrator made: a password and an authenticator of the holder's own. */
    @GetMapping("/staff/first-sign-in")
    String firstSignIn(HttpServletRequest request, Model model) {
        String username = SignInAttempt.get(request.getSession(false), FIRST_USER);
        String secret = SignInAttempt.get(request.getSession(false), FIRST_SECRET);
        if (username == null || secret == null) {
            return "redirect:/staff/login";
        }
        byte[] bytes = java.util.HexFormat.of().parseHex(secret);
        model.addAttribute("username", username);
        model.addAttribute("secret", Totp.base32(bytes));
        model.addAttribute("otpauth", Totp.uri(username, bytes));
        return "staff-first-sign-in";
    }

    @PostMapping("/staff/first-sign-in")
    String completeFirstSignIn(@RequestParam(name = "password", required = false) String password,
            @RequestParam(name = "repeated", required = false) String repeated,
            @RequestParam(name = "code", required = false) String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        String username = SignInAttempt.get(request.getSession(false), FIRST_USER);
        String secret = SignInAttempt.get(request.getSession(false), FIRST_SECRET);
        if (username == null || secret == null) {
            return "redirect:/staff/login";
        }
        var problems = staff.replaceCredentials(username, password, repeated, java.util.HexFormat.of().parseHex(secret),
                code);
        if (!problems.isEmpty()) {
            model.addAttribute("errors", problems.stream().collect(java.util.stream.Collectors.toMap(
                    v -> v.field() == null ? "form" : v.field(), v -> v.messageKey(), (a, b) -> a)));
            return firstSignIn(request, model);
        }
        var actor = staff.find(username).filter(StaffAccounts.Account::enabled).map(StaffAccounts::actor);
        if (actor.isEmpty()) {
            return "redirect:/staff/login";
        }
        sessions.signIn(request, response, actor.get(), SignInMethod.STAFF_PASSWORD_TOTP, "staff:" + username);
        return "redirect:/";
    }

    /** Who is signed in, how, and signing out everywhere. */
    @GetMapping("/account")
    String home(@AuthenticationPrincipal Actor actor, HttpServletRequest request, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("who", who(actor));
        model.addAttribute("staff", actor.account().startsWith("staff:"));
        model.addAttribute("canManageStaff", actor.is(Actor.Role.BUREAU_ADMIN, Actor.Role.SYSTEM_ADMIN));
        model.addAttribute("method", request.getSession(false) == null ? null
                : request.getSession(false).getAttribute(Sessions.METHOD));
        return "account";
    }

    /** The signed-in person or institution by name, with the ID masked; staff by their name and account. */
    private String who(Actor actor) {
        return switch (actor.role()) {
            case PRACTITIONER -> NationalId.isValid(actor.nationalId())
                    ? registry.practitioner(NationalId.parse(actor.nationalId()))
                            .map(p -> p.name() + "（" + p.nationalId().masked() + "）")
                            .orElse(NationalId.parse(actor.nationalId()).masked())
                    : actor.account();
            case INSTITUTION -> registry.institution(InstitutionCode.parse(actor.institutionCode()))
                    .map(i -> i.name() + "（" + i.code().value() + "）").orElse(actor.institutionCode());
            default -> {
                String username = actor.account().substring(actor.account().indexOf(':') + 1);
                yield staff.find(username).map(a -> a.displayName() + "（" + username + "）").orElse(username);
            }
        };
    }

    /** Staff change their own password (the current one first); their other sessions end. */
    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal Actor actor,
            @RequestParam(name = "current", required = false) String current,
            @RequestParam(name = "password", required = false) String password,
            @RequestParam(name = "repeated", required = false) String repeated, HttpServletRequest request,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, Locale locale) {
        if (!actor.account().startsWith("staff:")) {
            throw new tw.gov.mohw.support.shared.DomainException(tw.gov.mohw.support.shared.DomainException.Kind.FORBIDDEN,
                    tw.gov.mohw.support.shared.Violation.of(null, "staff.forbidden"));
        }
        var problems = staff.changePassword(actor, current, password, repeated, request.getSession().getId());
        if (problems.isEmpty()) {
            redirect.addFlashAttribute("passwordChanged", true);
        } else {
            redirect.addFlashAttribute("passwordErrors", problems.stream().collect(java.util.stream.Collectors.toMap(
                    v -> v.field(), v -> messages.getMessage(v.messageKey(), null, v.messageKey(), locale),
                    (a, b) -> a, java.util.LinkedHashMap::new)));
        }
        return "redirect:/account";
    }

    @PostMapping("/sign-out")
    String signOut(@AuthenticationPrincipal Actor actor, HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(request, actor, "signed out");
        clearBrowser(response);
        return "redirect:/login?signedOut";
    }

    @PostMapping("/sign-out-everywhere")
    String signOutEverywhere(@AuthenticationPrincipal Actor actor, HttpServletRequest request,
            HttpServletResponse response) {
        int ended = sessions.endAll(actor);
        sessions.signOut(request, actor, "signed out everywhere (" + ended + " sessions)");
        clearBrowser(response);
        return "redirect:/login?signedOutEverywhere";
    }

    /**
     * After signing out nothing of what was seen stays in this browser (a shared counter PC in a clinic): this site's
     * cache and storage (ASVS 14.3.1). Not "cookies": browsers clear those for the whole registrable domain, which
     * would sign people out of the ministry's other services; the session itself is already ended.
     */
    private static void clearBrowser(HttpServletResponse response) {
        response.setHeader("Clear-Site-Data", "\"cache\", \"storage\"");
    }

    /**
     * Who is signed in, and the CSRF token script sends back in {@code X-CSRF-TOKEN} — none for an API client's
     * bearer token, which needs none.
     */
    @GetMapping("/api/v1/session")
    @ResponseBody
    Map<String, Object> session(@AuthenticationPrincipal Actor actor, CsrfToken csrf) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("account", actor.account());
        out.put("role", actor.role().name());
        if (csrf != null) {
            out.put("csrfToken", csrf.getToken());
            out.put("csrfHeader", csrf.getHeaderName());
        }
        return out;
    }
}
