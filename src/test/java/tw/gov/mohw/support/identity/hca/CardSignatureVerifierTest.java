package tw.gov.mohw.support.identity.hca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.testenv.TestHca;

/** A card's sign-in signature against the test HCA: every way it must be refused, and the one way it is not. */
class CardSignatureVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static TestHca hca;
    static TestHca.SoftCard doctor;
    static TestHca.SoftCard clinic;
    static final AtomicReference<Collection<X509CRL>> crls = new AtomicReference<>();

    @BeforeAll
    static void issueCards() {
        hca = TestHca.create(CLOCK);
        doctor = hca.issue(CardType.HPC, "A123456789", "王大明");
        clinic = hca.issue(CardType.HOP, "0101090517", "測試醫院");
        crls.set(List.of(hca.crl()));
    }

    static CardSignatureVerifier verifier() {
        return new CardSignatureVerifier(List.of(hca.root()), List.of(hca.issuingCa()), crls::get, CLOCK);
    }

    static byte[] challenge() {
        byte[] c = new byte[32];
        new SecureRandom().nextBytes(c);
        return c;
    }

    static void assertRejected(byte[] signature, byte[] challenge, CardRejected.Reason reason) {
        assertThatThrownBy(() -> verifier().verify(signature, challenge))
                .isInstanceOfSatisfying(CardRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aPersonsCardSignsThemIn() {
        byte[] challenge = challenge();
        VerifiedCard card = verifier().verify(doctor.sign(challenge), challenge);
        assertThat(card.type()).isEqualTo(CardType.HPC);
        assertThat(card.holderId()).isEqualTo("A123456789");
        assertThat(card.holderName()).isEqualTo("王大明");
        assertThat(card.certificateSerial()).isEqualTo(doctor.certificate().getSerialNumber());
    }

    @Test
    void anInstitutionsCardSignsInItsClerk() {
        byte[] challenge = challenge();
        VerifiedCard card = verifier().verify(clinic.sign(challenge), challenge);
        assertThat(card.type()).isEqualTo(CardType.HOP);
        assertThat(card.holderId()).isEqualTo("0101090517");
    }

    @Test
    void aSignatureOverAnotherChallengeIsRefused() {
        byte[] challenge = challenge();
        assertRejected(doctor.sign(challenge()), challenge, CardRejected.Reason.WRONG_CHALLENGE);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        byte[] challenge = challenge();
        byte[] signature = doctor.sign(challenge);
        // A bit of the RSA signature value (the last element of the encoding) flipped.
        signature[signature.length - 40] ^= 0x01;
        assertRejected(signature, challenge, CardRejected.Reason.BAD_SIGNATURE);
    }

    @Test
    void signedContentSwappedForTheChallengeIsRefused() {
        // An attacker who replaces the encapsulated content with this attempt's challenge breaks the signature.
        byte[] old = challenge();
        byte[] signature = doctor.sign(old);
        byte[] challenge = old.clone();
        challenge[0] ^= 0x01;
        int at = indexOf(signature, old);
        assertThat(at).isPositive();
        System.arraycopy(challenge, 0, signature, at, challenge.length);
        assertRejected(signature, challenge, CardRejected.Reason.BAD_SIGNATURE);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void garbageIsRefused() {
        assertRejected("not a signature".getBytes(StandardCharsets.UTF_8), challenge(), CardRejected.Reason.MALFORMED);
        assertRejected(new byte[0], challenge(), CardRejected.Reason.MALFORMED);
    }

    @Test
    void anExpiredCardIsRefused() {
        TestHca.SoftCard expired = hca.issue(CardType.HPC, "B123456780", "過期卡", NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(1)));
        byte[] challenge = challenge();
        assertRejected(expired.sign(challenge), challenge, CardRejected.Reason.EXPIRED);
    }

    @Test
    void aRevokedCardIsRefused() {
        TestHca.SoftCard lost = hca.issue(CardType.HPC, "C123456781", "遺失卡");
        hca.revoke(lost);
        crls.set(List.of(hca.crl()));
        byte[] challenge = challenge();
        assertRejected(lost.sign(challenge), challenge, CardRejected.Reason.REVOKED);
        // The other cards of the same CA still sign in.
        byte[] again = challenge();
        assertThat(verifier().verify(doctor.sign(again), again).holderId()).isEqualTo("A123456789");
    }

    @Test
    void withoutACurrentRevocationListNobodySignsIn() {
        Collection<X509CRL> current = crls.get();
        try {
            crls.set(List.of(hca.crl(NOW.minus(Duration.ofDays(14)), NOW.minus(Duration.ofDays(7)))));
            byte[] challenge = challenge();
            assertRejected(doctor.sign(challenge), challenge, CardRejected.Reason.REVOCATION_UNKNOWN);
            crls.set(List.of());
            assertRejected(doctor.sign(challenge), challenge, CardRejected.Reason.REVOCATION_UNKNOWN);
        } finally {
            crls.set(current);
        }
    }

    @Test
    void aCardFromAnUntrustedCaIsRefused() {
        TestHca.SoftCard forged = hca.issueUntrusted(CardType.HPC, "A123456789", "王大明");
        byte[] challenge = challenge();
        assertRejected(forged.sign(challenge), challenge, CardRejected.Reason.UNTRUSTED);
    }

    @Test
    void aCertificateThatMayNotSignIsRefused() {
        TestHca.SoftCard encryption = hca.issueWithoutSigningUsage(CardType.HPC, "D123456782", "加密憑證");
        byte[] challenge = challenge();
        assertRejected(encryption.sign(challenge), challenge, CardRejected.Reason.NOT_A_SIGNING_CARD);
    }

    @Test
    void softCardsOpenWithTheirPinOnly() throws Exception {
        byte[] p12 = doctor.pkcs12("123456".toCharArray());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new java.io.ByteArrayInputStream(p12), "123456".toCharArray());
        assertThat(store.getCertificate("card")).isEqualTo(doctor.certificate());
        KeyStore wrong = KeyStore.getInstance("PKCS12");
        assertThatThrownBy(() -> wrong.load(new java.io.ByteArrayInputStream(p12), "000000".toCharArray()))
                .isInstanceOf(java.io.IOException.class);
    }
}
