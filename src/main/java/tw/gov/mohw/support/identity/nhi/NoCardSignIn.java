package tw.gov.mohw.support.identity.nhi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tw.gov.mohw.support.identity.SignInAttempt;
import tw.gov.mohw.support.identity.SignInMethod;
import tw.gov.mohw.support.identity.SignInResponses;
import tw.gov.mohw.support.identity.Sessions;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.PublicUrl;

/**
 * 健保卡登入(無插卡), in two steps. First the ID and mobile number get a 6-digit SMS code (the answer is the same
 * whether or not they belong to anyone); the right code takes the person, encrypted, to the NHI verification site,
 * which asks for the 健保卡卡號 and sends them back with a signed answer. Only a valid answer for this attempt's
 * nonce and person signs them in.
 */
@RestController
class NoCardSignIn {

    private static final String PERSON = "nhi.person";
    private static final String VERIFIED = "nhi.smsVerified";
    private static final String NONCE = "nhi.nonce";

    /** Where the NHI site is. */
    record Site(URI verifyUrl) {
    }

    private final SmsCodes codes;
    private final NhiHandOff handOff;
    private final Site site;
    private final PublicUrl publicUrl;
    private final Sessions sessions;
    private final SignInResponses responses;

    NoCardSignIn(SmsCodes codes, NhiHandOff handOff, Site site, PublicUrl publicUrl, Sessions sessions,
            SignInResponses responses) {
        this.codes = codes;
        this.handOff = handOff;
        this.site = site;
        this.publicUrl = publicUrl;
        this.sessions = sessions;
        this.responses = responses;
    }

    record CodeRequest(String nationalId, String mobile) {
    }

    /** Step 1: a code by SMS. */
    @PostMapping("/login/sms")
    ResponseEntity<Object> requestCode(@RequestBody CodeRequest body, HttpServletRequest request, Locale locale) {
        if (body == null || body.nationalId() == null || !NationalId.isValid(body.nationalId().strip())) {
            return responses.refused(HttpStatus.UNPROCESSABLE_CONTENT, "signin.sms.nationalId", locale);
        }
        if (body.mobile() == null || !body.mobile().strip().matches("09\\d{8}")) {
            return responses.refused(HttpStatus.UNPROCESSABLE_CONTENT, "signin.sms.mobile", locale);
        }
        NationalId id = NationalId.parse(body.nationalId().strip());
        HttpSession session = request.getSession(true);
        try {
            var sent = codes.request(SignInAttempt.id(session), id, body.mobile().strip(), request.getRemoteAddr());
            SignInAttempt.put(session, PERSON, id.value());
            SignInAttempt.put(session, VERIFIED, null);
            return ResponseEntity.ok(Map.of("resendAfter", sent.resendAfter().toString(),
                    "expiresAt", sent.expiresAt().toString(),
                    "seconds", SmsCodes.RESEND_AFTER.toSeconds()));
        } catch (SmsCodes.CodeRefused e) {
            sessions.failed(request, SignInMethod.NHI_NO_CARD, "SMS_" + e.reason().name(), id.value());
            return responses.refused(HttpStatus.TOO_MANY_REQUESTS, "signin.sms." + e.reason().name(), locale);
        }
    }

    record CodeBody(String code) {
    }

    /** Step 2: the code (the code-wait screen is 40 % of the way); when right, the encrypted hand-off to the NHI site (60 %). */
    @PostMapping("/login/sms/verify")
    ResponseEntity<Object> verifyCode(@RequestBody CodeBody body, HttpServletRequest request, Locale locale) {
        HttpSession session = request.getSession(true);
        NationalId person;
        try {
            person = codes.verify(SignInAttempt.id(session), body == null ? null : body.code());
        } catch (SmsCodes.CodeRefused e) {
            sessions.failed(request, SignInMethod.NHI_NO_CARD, "CODE_" + e.reason().name(),
                    SignInAttempt.get(session, PERSON));
            return responses.refused(HttpStatus.UNAUTHORIZED, "signin.sms.code." + e.reason().name(), locale,
                    e.triesLeft());
        }
        String nonce = SignInAttempt.random();
        SignInAttempt.put(session, PERSON, person.value());
        SignInAttempt.put(session, VERIFIED, "true");
        SignInAttempt.put(session, NONCE, nonce);
        String jwe = handOff.request(person, nonce, returnTo());
        String redirect = UriComponentsBuilder.fromUri(site.verifyUrl()).queryParam("request", jwe).build()
                .toUriString();
        return ResponseEntity.ok(Map.of("redirect", redirect, "progress", 60));
    }

    /** Back from the NHI site with its signed answer. */
    @GetMapping("/login/nhi/return")
    void answer(@RequestParam(name = "result", required = false) String result, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String person = SignInAttempt.get(session, PERSON);
        String nonce = SignInAttempt.get(session, NONCE);
        if (person == null || nonce == null || !"true".equals(SignInAttempt.get(session, VERIFIED)) || result == null) {
            sessions.failed(request, SignInMethod.NHI_NO_CARD, "NO_ATTEMPT", person);
            response.sendRedirect("/login?error=NO_ATTEMPT#nocard");
            return;
        }
        NationalId verified;
        try {
            verified = handOff.verify(result, nonce, NationalId.parse(person));
        } catch (NhiHandOff.AnswerRejected e) {
            // the nonce is spent either way: a second try needs a new SMS step
            SignInAttempt.put(session, NONCE, null);
            sessions.failed(request, SignInMethod.NHI_NO_CARD, "ANSWER_" + e.reason().name(), person);
            response.sendRedirect("/login?error=" + e.reason().name() + "#nocard");
            return;
        }
        sessions.signIn(request, response, Actor.practitioner(verified.value()), SignInMethod.NHI_NO_CARD,
                verified.value());
        response.sendRedirect("/");
    }

    private URI returnTo() {
        URI base = publicUrl.orElse(() -> ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri());
        return UriComponentsBuilder.fromUri(base).path("/login/nhi/return").build().toUri();
    }
}
