package tw.gov.mohw.support.identity.hca;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tw.gov.mohw.support.identity.SignInAttempt;
import tw.gov.mohw.support.identity.SignInMethod;
import tw.gov.mohw.support.identity.SignInResponses;
import tw.gov.mohw.support.identity.Sessions;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;

/**
 * 醫事憑證 sign-in. The page gets a challenge, has the card component sign it with the card's key (after the PIN),
 * and posts the CMS signature back. Who signs in comes from the verified certificate alone: an HPC card signs in
 * its holder (or, on the staff page, the staff account of that person), an HOP card a clerk of its institution.
 */
@RestController
class HcaSignInController {

    private final LoginChallenges challenges;
    private final CardSignatureVerifier verifier;
    private final Registry registry;
    private final StaffAccounts staff;
    private final Sessions sessions;
    private final SignInResponses responses;

    HcaSignInController(LoginChallenges challenges, CardSignatureVerifier verifier, Registry registry,
            StaffAccounts staff, Sessions sessions, SignInResponses responses) {
        this.challenges = challenges;
        this.verifier = verifier;
        this.registry = registry;
        this.staff = staff;
        this.sessions = sessions;
        this.responses = responses;
    }

    @PostMapping({"/login/hca/challenge", "/staff/login/hca/challenge"})
    Map<String, String> challenge(HttpServletRequest request) {
        byte[] challenge = challenges.issue(SignInAttempt.id(request.getSession(true)));
        return Map.of("challenge", Base64.getEncoder().encodeToString(challenge));
    }

    record SignatureBody(String signature) {
    }

    @PostMapping("/login/hca")
    ResponseEntity<Object> personnel(@RequestBody SignatureBody body, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        return signIn(body, request, response, locale, false);
    }

    @PostMapping("/staff/login/hca")
    ResponseEntity<Object> staff(@RequestBody SignatureBody body, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        return signIn(body, request, response, locale, true);
    }

    private ResponseEntity<Object> signIn(SignatureBody body, HttpServletRequest request, HttpServletResponse response,
            Locale locale, boolean asStaff) {
        SignInMethod method = asStaff ? SignInMethod.STAFF_HPC_CARD : SignInMethod.HCA_CARD;
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(body == null || body.signature() == null ? "" : body.signature());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (signature.length == 0 || signature.length > 32 * 1024) {
            return refuse(request, method, "MALFORMED", "MALFORMED", null, locale);
        }
        String attempt = SignInAttempt.id(request.getSession(true));
        VerifiedCard card;
        try {
            card = verifier.verify(signature, signedContent(signature));
            challenges.consume(attempt, signedContent(signature));
        } catch (CardRejected e) {
            return refuse(request, method, e.reason().name(), e.reason().name() + " (holder unverified)",
                    claimedHolder(signature), locale);
        } catch (LoginChallenges.ChallengeRejected e) {
            return refuse(request, method, "CHALLENGE_" + e.reason().name(), "CHALLENGE_" + e.reason().name()
                    + " (holder unverified)", claimedHolder(signature), locale);
        }
        Optional<Actor> actor = asStaff ? staffActor(card) : personnelActor(card);
        if (actor.isEmpty()) {
            String reason = asStaff ? "NO_STAFF_ACCOUNT" : "NOT_REGISTERED";
            return refuse(request, method, reason, reason, card.holderId(), locale);
        }
        sessions.signIn(request, response, actor.get(), method, card.holderId());
        return responses.next("/");
    }

    private Optional<Actor> personnelActor(VerifiedCard card) {
        if (card.type() == CardType.HPC) {
            return NationalId.isValid(card.holderId())
                    ? registry.practitioner(NationalId.parse(card.holderId())).map(p -> Actor.practitioner(
                            p.nationalId().value()))
                    : Optional.empty();
        }
        return InstitutionCode.isValid(card.holderId())
                ? registry.institution(InstitutionCode.parse(card.holderId())).filter(Institution::isOpen)
                        .map(i -> Actor.institution(i.code().value()))
                : Optional.empty();
    }

    private Optional<Actor> staffActor(VerifiedCard card) {
        return card.type() == CardType.HPC ? staff.byNationalId(card.holderId()) : Optional.empty();
    }

    /** The content the card signed; the verifier checks it is the challenge, and the challenge store that it is ours. */
    private static byte[] signedContent(byte[] signature) {
        try {
            var content = new org.bouncycastle.cms.CMSSignedData(signature).getSignedContent();
            return content != null && content.getContent() instanceof byte[] b ? b : new byte[0];
        } catch (org.bouncycastle.cms.CMSException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** Whom a refused signature claims to be (unverified): for the security log, so attempts can be traced. */
    private static String claimedHolder(byte[] signature) {
        try {
            var signed = new org.bouncycastle.cms.CMSSignedData(signature);
            var signer = signed.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            var certificate = (org.bouncycastle.cert.X509CertificateHolder) signed.getCertificates()
                    .getMatches(signer.getSID()).iterator().next();
            var rdns = certificate.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.SERIALNUMBER);
            return rdns.length == 0 ? null : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(
                    rdns[0].getFirst().getValue());
        } catch (org.bouncycastle.cms.CMSException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param logged the reason as the security log keeps it: a refused signature's holder is only what the
     *     certificate claims, and the log says so
     */
    private ResponseEntity<Object> refuse(HttpServletRequest request, SignInMethod method, String reason, String logged,
            String subject, Locale locale) {
        sessions.failed(request, method, logged, subject);
        return responses.refused(HttpStatus.UNAUTHORIZED, "signin.hca." + reason, locale);
    }
}
