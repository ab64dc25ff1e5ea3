package tw.gov.mohw.support.testenv;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import tw.gov.mohw.support.identity.nhi.NhiSite;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.testenv.TestHca;

/**
 * TEST ENVIRONMENT ONLY: the NHI multi-factor verification site (多因子身分核實及認證機制), with its own key pairs.
 * It decrypts the request, asks for the 健保卡卡號, and sends the browser back with an answer it signed — or with a
 * signed refusal when the person gives up. It sends people back only to loopback addresses, as a real site only to
 * the addresses registered with it.
 */
@Controller
@ConditionalOnProperty(name = "support.test-environment.enabled", havingValue = "true")
@RequestMapping("/nhi-simulator")
class NhiSiteSimulator {

    static final String ISSUER = "nhi-mfa-simulator";
    static final Duration ANSWER_LIFETIME = Duration.ofMinutes(2);

    private final KeyPair encryption;
    private final KeyPair signing;
    private final TestCards cards;
    private final Clock clock;

    NhiSiteSimulator(TestCards cards, Clock clock) {
        this.encryption = TestHca.rsaKeys();
        this.signing = TestHca.rsaKeys();
        this.cards = cards;
        this.clock = clock;
    }

    /** The site as the system sees it. */
    NhiSite site() {
        return new NhiSite(URI.create("/nhi-simulator/verify"), ISSUER, (RSAPublicKey) encryption.getPublic(),
                (RSAPublicKey) signing.getPublic());
    }

    @GetMapping("/verify")
    String form(@RequestParam(name = "request", required = false) String request, Model model) {
        Request r = open(request);
        model.addAttribute("request", request);
        model.addAttribute("today", RocDates.formatCompact(LocalDate.ofInstant(clock.instant(), RocDates.ZONE)));
        // masked as everywhere else in the system (A12345****)
        model.addAttribute("maskedId", tw.gov.mohw.support.registry.NationalId.maskAll(r.subject()));
        return "test-environment/nhi-simulator";
    }

    @PostMapping("/verify")
    String answer(@RequestParam(name = "request", required = false) String request,
            @RequestParam(name = "cardNumber", required = false) String cardNumber,
            @RequestParam(name = "cancel", required = false) String cancel, Model model) {
        Request r = open(request);
        if (cancel == null) {
            boolean matches = cardNumber != null && cards.nhiCard(cardNumber.strip())
                    .filter(c -> c.nationalId().equals(r.subject())).isPresent();
            if (!matches) {
                model.addAttribute("error", true);
                return form(request, model);
            }
        }
        String result = cancel == null ? "verified" : "cancelled";
        return "redirect:" + UriComponentsBuilder.fromUri(r.returnTo()).queryParam("result", sign(r, result))
                .build().toUriString();
    }

    private String sign(Request r, String result) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(r.client()).subject(r.subject())
                .claim("nonce", r.nonce()).claim("result", result).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ANSWER_LIFETIME))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(signing.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }


    private record Request(String client, String subject, String nonce, URI returnTo) {
    }

    /** Decrypts and checks a request; anything wrong is a 400 page, as at the real site. */
    private Request open(String request) {
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(request == null ? "" : request);
            jwt.decrypt(new RSADecrypter((RSAPrivateKey) encryption.getPrivate()));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getAudience() == null || !claims.getAudience().contains(ISSUER)
                    || claims.getExpirationTime() == null || !clock.instant().isBefore(claims.getExpirationTime()
                            .toInstant())) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "expired or not for this site");
            }
            URI returnTo = URI.create(claims.getStringClaim("return_to"));
            if (!CardAgentSimulator.loopback(returnTo.getScheme() + "://" + returnTo.getAuthority())) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "return address not registered");
            }
            return new Request(claims.getIssuer(), claims.getSubject(), claims.getStringClaim("nonce"), returnTo);
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unreadable request");
        }
    }
}
