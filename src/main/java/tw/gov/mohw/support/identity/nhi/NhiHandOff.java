package tw.gov.mohw.support.identity.nhi;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import tw.gov.mohw.support.registry.NationalId;

/**
 * The hand-off of sign-in without a card to the NHI multi-factor verification site (多因子身分核實及認證機制), and
 * the check of its answer.
 *
 * <p>Out: the ID that passed the SMS step, encrypted for the NHI site only (JWE, RSA-OAEP-256 + A256GCM), with the
 * attempt's nonce, our client id, where to send the person back, and a five-minute expiry. Back: a token the NHI
 * site signed (JWS, RS256) that must name us as audience, the NHI site as issuer, this attempt's nonce, the same
 * ID, a positive result, and not have expired. Only then is the person signed in.
 */
public final class NhiHandOff {

    static final Duration REQUEST_LIFETIME = Duration.ofMinutes(5);
    /** Clocks of two services differ a little; this much is tolerated, no more. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private final String clientId;
    private final String nhiIssuer;
    private final RSAPublicKey nhiEncryptionKey;
    private final RSAPublicKey nhiSigningKey;
    private final Clock clock;

    /**
     * @param clientId our registered id at the NHI site (the audience of its answers)
     * @param nhiIssuer the NHI site's id (the issuer of its answers)
     * @param nhiEncryptionKey the NHI site's public key to encrypt for
     * @param nhiSigningKey the NHI site's public key its answers verify with
     */
    public NhiHandOff(String clientId, String nhiIssuer, RSAPublicKey nhiEncryptionKey, RSAPublicKey nhiSigningKey,
            Clock clock) {
        this.clientId = Objects.requireNonNull(clientId);
        this.nhiIssuer = Objects.requireNonNull(nhiIssuer);
        this.nhiEncryptionKey = Objects.requireNonNull(nhiEncryptionKey);
        this.nhiSigningKey = Objects.requireNonNull(nhiSigningKey);
        this.clock = clock;
    }

    /** The encrypted request the browser carries to the NHI site. */
    public String request(NationalId person, String nonce, URI returnTo) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId).audience(nhiIssuer).subject(person.value())
                .claim("nonce", nonce).claim("return_to", returnTo.toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(REQUEST_LIFETIME)))
                .build();
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM), claims);
        try {
            jwt.encrypt(new RSAEncrypter(nhiEncryptionKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not encrypt for the NHI site", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks the NHI site's answer for this attempt.
     *
     * @return the verified person
     * @throws AnswerRejected with the first reason it does not sign anyone in
     */
    public NationalId verify(String answer, String expectedNonce, NationalId expectedPerson) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(answer);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new AnswerRejected(AnswerRejected.Reason.MALFORMED);
        }
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(nhiSigningKey))) {
                throw new AnswerRejected(AnswerRejected.Reason.BAD_SIGNATURE);
            }
        } catch (JOSEException e) {
            throw new AnswerRejected(AnswerRejected.Reason.BAD_SIGNATURE);
        }
        if (!nhiIssuer.equals(claims.getIssuer())) {
            throw new AnswerRejected(AnswerRejected.Reason.WRONG_ISSUER);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(clientId)) {
            throw new AnswerRejected(AnswerRejected.Reason.WRONG_AUDIENCE);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        // Issued within the request's lifetime, not in the future, not yet expired, and in effect.
        if (exp == null || iat == null || !now.isBefore(exp.toInstant().plus(SKEW))
                || iat.toInstant().isAfter(now.plus(SKEW)) || iat.toInstant().isBefore(now.minus(REQUEST_LIFETIME))
                || (nbf != null && nbf.toInstant().isAfter(now.plus(SKEW)))) {
            throw new AnswerRejected(AnswerRejected.Reason.EXPIRED);
        }
        Object nonce = claims.getClaim("nonce");
        if (expectedNonce == null || !(nonce instanceof String s) || !java.security.MessageDigest.isEqual(
                s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                expectedNonce.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new AnswerRejected(AnswerRejected.Reason.WRONG_NONCE);
        }
        if (!expectedPerson.value().equals(claims.getSubject())) {
            throw new AnswerRejected(AnswerRejected.Reason.WRONG_PERSON);
        }
        if (!"verified".equals(claims.getClaim("result"))) {
            throw new AnswerRejected(AnswerRejected.Reason.NOT_VERIFIED);
        }
        return expectedPerson;
    }

    /** An answer from the NHI site that does not sign anyone in. */
    public static class AnswerRejected extends RuntimeException {

        private final Reason reason;

        AnswerRejected(Reason reason) {
            super(reason.name());
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        public enum Reason { MALFORMED, BAD_SIGNATURE, WRONG_ISSUER, WRONG_AUDIENCE, EXPIRED, WRONG_NONCE, WRONG_PERSON,
            NOT_VERIFIED }
    }
}
