package tw.gov.mohw.support.identity.nhi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tw.gov.mohw.support.identity.SignInAttempt;
import tw.gov.mohw.support.identity.SignInLockout;
import tw.gov.mohw.support.identity.SignInMethod;
import tw.gov.mohw.support.identity.SignInResponses;
import tw.gov.mohw.support.identity.Sessions;
import tw.gov.mohw.support.identity.hca.LoginChallenges;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;

/**
 * 健保卡登入(插卡): the page reads the card through the NHI card component, has it sign this attempt's challenge,
 * and posts card number, signature and the 網路服務密碼; the NHI service ({@link NhiCardVerifier}) says whose card
 * it is. Five wrong passwords for a card within 15 minutes lock its sign-in for 15 minutes.
 */
@RestController
class NhiCardSignInController {

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.of("Asia/Taipei"));

    private final LoginChallenges challenges;
    private final ObjectProvider<NhiCardVerifier> verifier;
    private final SignInLockout lockout;
    private final Registry registry;
    private final Sessions sessions;
    private final SignInResponses responses;

    NhiCardSignInController(LoginChallenges challenges, ObjectProvider<NhiCardVerifier> verifier, SignInLockout lockout,
            Registry registry, Sessions sessions, SignInResponses responses) {
        this.challenges = challenges;
        this.verifier = verifier;
        this.lockout = lockout;
        this.registry = registry;
        this.sessions = sessions;
        this.responses = responses;
    }

    @PostMapping("/login/nhi-card/challenge")
    Map<String, String> challenge(HttpServletRequest request) {
        byte[] challenge = challenges.issue(SignInAttempt.id(request.getSession(true)));
        return Map.of("challenge", Base64.getEncoder().encodeToString(challenge));
    }

    record CardBody(String cardNumber, String challenge, String signature, String password) {
    }

    @PostMapping("/login/nhi-card")
    ResponseEntity<Object> signIn(@RequestBody CardBody body, HttpServletRequest request, HttpServletResponse response,
            Locale locale) {
        NhiCardVerifier nhi = verifier.getIfAvailable();
        if (nhi == null) {
            return refuse(request, HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", locale);
        }
        if (body == null || body.cardNumber() == null || !body.cardNumber().matches("\\d{12}")) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "NO_CARD", locale);
        }
        if (body.password() == null || body.password().isEmpty() || body.password().length() > 64) {
            return refuse(request, HttpStatus.UNPROCESSABLE_CONTENT, "PASSWORD_REQUIRED", locale);
        }
        byte[] challenge = decode(body.challenge());
        byte[] signature = decode(body.signature());
        String subject = "nhi-card:" + body.cardNumber();
        try {
            challenges.consume(SignInAttempt.id(request.getSession(true)), challenge);
        } catch (LoginChallenges.ChallengeRejected e) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "CHALLENGE_" + e.reason().name(), locale);
        }
        var attempt = lockout.attempt(subject, () -> nhi.verify(body.cardNumber(), challenge, signature,
                body.password()), r -> r.outcome() == NhiCardVerifier.Outcome.WRONG_PASSWORD);
        if (attempt.locked()) {
            sessions.failed(request, SignInMethod.NHI_CARD, "LOCKED", null);
            return responses.refused(HttpStatus.TOO_MANY_REQUESTS, "signin.nhi.LOCKED", locale,
                    HOUR_MINUTE.format(attempt.lockedUntil()));
        }
        var result = attempt.result();
        if (result.outcome() != NhiCardVerifier.Outcome.VERIFIED) {
            return refuse(request, result.outcome() == NhiCardVerifier.Outcome.UNAVAILABLE
                    ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED, result.outcome().name(), locale);
        }
        var person = registry.practitioner(NationalId.parse(result.nationalId()));
        if (person.isEmpty()) {
            sessions.failed(request, SignInMethod.NHI_CARD, "NOT_REGISTERED", result.nationalId());
            return responses.refused(HttpStatus.UNAUTHORIZED, "signin.nhi.NOT_REGISTERED", locale);
        }
        sessions.signIn(request, response, Actor.practitioner(person.get().nationalId().value()), SignInMethod.NHI_CARD,
                result.nationalId());
        return responses.next("/");
    }

    private ResponseEntity<Object> refuse(HttpServletRequest request, HttpStatus status, String reason, Locale locale) {
        sessions.failed(request, SignInMethod.NHI_CARD, reason, null);
        return responses.refused(status, "signin.nhi." + reason, locale);
    }

    private static byte[] decode(String base64) {
        try {
            return base64 == null ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
