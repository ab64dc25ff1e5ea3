package tw.gov.mohw.support.identity.nhi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.identity.nhi.NhiHandOff.AnswerRejected;
import tw.gov.mohw.support.registry.NationalId;

/** The encrypted hand-off to the NHI site and every way its signed answer must be refused. */
class NhiHandOffTest {

    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final NationalId PERSON = NationalId.parse("A123456789");
    static KeyPair nhiEncryption;
    static KeyPair nhiSigning;
    static KeyPair impostor;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        nhiEncryption = g.generateKeyPair();
        nhiSigning = g.generateKeyPair();
        impostor = g.generateKeyPair();
    }

    static NhiHandOff handOff(Instant now) {
        return new NhiHandOff("support-report", "nhi-mfa", (RSAPublicKey) nhiEncryption.getPublic(),
                (RSAPublicKey) nhiSigning.getPublic(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** What the NHI site answers, changed by {@code edit}, signed with {@code key}. */
    static String answer(KeyPair key, Consumer<JWTClaimsSet.Builder> edit) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("nhi-mfa").audience("support-report")
                .subject(PERSON.value()).claim("nonce", "n-123").claim("result", "verified")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plus(Duration.ofMinutes(2))));
        edit.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    static void assertRejected(String answer, AnswerRejected.Reason reason) {
        assertThatThrownBy(() -> handOff(NOW).verify(answer, "n-123", PERSON))
                .isInstanceOfSatisfying(AnswerRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void theRequestIsReadableByTheNhiSiteOnly() throws Exception {
        String request = handOff(NOW).request(PERSON, "n-123", URI.create("https://support.example/login/nhi/return"));
        assertThat(request.split("\\.")).hasSize(5);
        assertThat(request).doesNotContain(PERSON.value());
        EncryptedJWT jwt = EncryptedJWT.parse(request);
        jwt.decrypt(new RSADecrypter(nhiEncryption.getPrivate()));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(PERSON.value());
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n-123");
        assertThat(claims.getAudience()).containsExactly("nhi-mfa");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        EncryptedJWT other = EncryptedJWT.parse(request);
        assertThatThrownBy(() -> other.decrypt(new RSADecrypter(impostor.getPrivate()))).isInstanceOf(Exception.class);
    }

    @Test
    void aProperAnswerSignsThePersonIn() throws Exception {
        assertThat(handOff(NOW).verify(answer(nhiSigning, c -> { }), "n-123", PERSON)).isEqualTo(PERSON);
    }

    @Test
    void everyFlawIsRefused() throws Exception {
        assertRejected(answer(impostor, c -> { }), AnswerRejected.Reason.BAD_SIGNATURE);
        assertRejected(answer(nhiSigning, c -> c.issuer("someone-else")), AnswerRejected.Reason.WRONG_ISSUER);
        assertRejected(answer(nhiSigning, c -> c.audience("another-service")), AnswerRejected.Reason.WRONG_AUDIENCE);
        assertRejected(answer(nhiSigning, c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(1))))),
                AnswerRejected.Reason.EXPIRED);
        assertRejected(answer(nhiSigning, c -> c.expirationTime(null)), AnswerRejected.Reason.EXPIRED);
        assertRejected(answer(nhiSigning, c -> c.issueTime(Date.from(NOW.plus(Duration.ofMinutes(5))))),
                AnswerRejected.Reason.EXPIRED);
        assertRejected(answer(nhiSigning, c -> c.claim("nonce", "n-456")), AnswerRejected.Reason.WRONG_NONCE);
        assertRejected(answer(nhiSigning, c -> c.subject("B123456780")), AnswerRejected.Reason.WRONG_PERSON);
        assertRejected(answer(nhiSigning, c -> c.claim("result", "failed")), AnswerRejected.Reason.NOT_VERIFIED);
        assertRejected("not.a.token", AnswerRejected.Reason.MALFORMED);
        assertRejected("", AnswerRejected.Reason.MALFORMED);
    }

    @Test
    void aTamperedAnswerIsRefused() throws Exception {
        String[] parts = answer(nhiSigning, c -> { }).split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JWTClaimsSet.Builder().issuer("nhi-mfa").audience("support-report").subject(PERSON.value())
                        .claim("nonce", "n-123").claim("result", "verified")
                        .expirationTime(Date.from(NOW.plus(Duration.ofDays(365)))).build().toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRejected(parts[0] + "." + forgedClaims + "." + parts[2], AnswerRejected.Reason.BAD_SIGNATURE);
        // An unsigned token ("alg": "none") is never accepted.
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRejected(none + "." + parts[1] + ".", AnswerRejected.Reason.MALFORMED);
    }

    @Test
    void aLittleClockSkewIsTolerated() throws Exception {
        String answer = answer(nhiSigning, c -> c.expirationTime(Date.from(NOW.minusSeconds(10))));
        assertThat(handOff(NOW).verify(answer, "n-123", PERSON)).isEqualTo(PERSON);
    }

    @Test
    void theAnswerMustBeFreshAndInEffect() throws Exception {
        assertRejected(answer(nhiSigning, c -> c.issueTime(null)), AnswerRejected.Reason.EXPIRED);
        assertRejected(answer(nhiSigning, c -> c.issueTime(Date.from(NOW.minus(Duration.ofMinutes(6))))),
                AnswerRejected.Reason.EXPIRED);
        assertRejected(answer(nhiSigning, c -> c.notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(2))))),
                AnswerRejected.Reason.EXPIRED);
    }

    @Test
    void withoutANonceOfOurOwnNothingIsAccepted() throws Exception {
        String answer = answer(nhiSigning, c -> { });
        assertThatThrownBy(() -> handOff(NOW).verify(answer, null, PERSON))
                .isInstanceOfSatisfying(AnswerRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(AnswerRejected.Reason.WRONG_NONCE));
    }
}
