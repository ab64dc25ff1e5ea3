package tw.gov.mohw.support.identity.hca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;

/**
 * TEST ENVIRONMENT ONLY: a healthcare certification authority of our own — a root, an issuing CA and its CRL — that
 * issues soft cards (a key and certificate, exportable as PKCS#12) shaped like real HPC and HOP cards: the holder's
 * ID in the subject's serialNumber, the card type as a certificate policy, a signing key usage. A second, untrusted
 * root issues cards that must be refused. Production never creates or trusts it.
 */
public final class TestHca {

    private static final String SIGNATURE = "SHA256withRSA";

    private final Clock clock;
    private final AtomicLong serials = new AtomicLong(1000);
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair issuingKeys;
    private final X509Certificate issuing;
    private final KeyPair rogueKeys;
    private final X509Certificate rogue;
    private final List<BigInteger> revoked = new ArrayList<>();

    private TestHca(Clock clock) throws GeneralSecurityException, OperatorCreationException, IOException {
        this.clock = clock;
        Instant now = clock.instant();
        rootKeys = keys();
        root = ca(name("測試用 HCA 根憑證 (Test HCA Root)"), rootKeys, name("測試用 HCA 根憑證 (Test HCA Root)"), rootKeys,
                now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3650)));
        issuingKeys = keys();
        issuing = ca(name("測試用醫事憑證管理中心 (Test HCA Issuing CA)"), issuingKeys,
                name("測試用 HCA 根憑證 (Test HCA Root)"), rootKeys, now.minus(Duration.ofDays(300)),
                now.plus(Duration.ofDays(3000)));
        rogueKeys = keys();
        rogue = ca(name("不受信任的憑證機構 (Untrusted CA)"), rogueKeys, name("不受信任的憑證機構 (Untrusted CA)"), rogueKeys,
                now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3650)));
    }

    public static TestHca create(Clock clock) {
        try {
            return new TestHca(clock);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not create the test HCA", e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate issuingCa() {
        return issuing;
    }

    /** A card issued by the test HCA, valid from {@code notBefore} to {@code notAfter}. */
    public SoftCard issue(CardType type, String holderId, String holderName, Instant notBefore, Instant notAfter) {
        return card(type, holderId, holderName, notBefore, notAfter, issuing, issuingKeys, true);
    }

    /** A card valid for a year around now. */
    public SoftCard issue(CardType type, String holderId, String holderName) {
        Instant now = clock.instant();
        return issue(type, holderId, holderName, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(335)));
    }

    /** A card from a CA nobody trusts, otherwise like a real one. */
    public SoftCard issueUntrusted(CardType type, String holderId, String holderName) {
        Instant now = clock.instant();
        return card(type, holderId, holderName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300)), rogue,
                rogueKeys, true);
    }

    /** A certificate whose key may not sign (an encryption certificate, say). */
    public SoftCard issueWithoutSigningUsage(CardType type, String holderId, String holderName) {
        Instant now = clock.instant();
        return card(type, holderId, holderName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300)), issuing,
                issuingKeys, false);
    }

    public void revoke(SoftCard card) {
        revoked.add(card.certificate().getSerialNumber());
    }

    /** The issuing CA's current CRL: issued now, next update in a week. */
    public X509CRL crl() {
        return crl(clock.instant(), clock.instant().plus(Duration.ofDays(7)));
    }

    public X509CRL crl(Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuing).getSubject(),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
            }
            X509CRLHolder holder = builder.build(signer(issuingKeys.getPrivate()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private SoftCard card(CardType type, String holderId, String holderName, Instant notBefore, Instant notAfter,
            X509Certificate ca, KeyPair caKeys, boolean signing) {
        try {
            KeyPair keys = keys();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "TW")
                    .addRDN(BCStyle.CN, holderName).addRDN(BCStyle.SERIALNUMBER, holderId).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(serials.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(signing ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation : KeyUsage.keyEncipherment));
            builder.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(type.policy())));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(signer(caKeys.getPrivate())));
            return new SoftCard(type, holderId, holderName, certificate, keys.getPrivate(), List.of(certificate, ca));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate ca(X500Name subject, KeyPair keys, X500Name issuerName, KeyPair issuerKeys, Instant from,
            Instant to) throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(serials.incrementAndGet()), Date.from(from), Date.from(to), subject, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKeys.getPrivate())));
    }

    private static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "TW").addRDN(BCStyle.O, "測試環境")
                .addRDN(BCStyle.CN, cn).build();
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    /** A card's signing key and certificate chain, as the simulated card agent holds it. */
    public record SoftCard(CardType type, String holderId, String holderName, X509Certificate certificate,
            PrivateKey key, List<X509Certificate> chain) {

        /** What the card produces when the holder enters the PIN: CMS SignedData over {@code content}. */
        public byte[] sign(byte[] content) {
            try {
                CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
                generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().build()).build(signer(key), certificate));
                generator.addCertificates(new JcaCertStore(chain));
                return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
            } catch (GeneralSecurityException | OperatorCreationException | org.bouncycastle.cms.CMSException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The card as a PKCS#12 file protected by its PIN. */
        public byte[] pkcs12(char[] pin) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("card", key, pin, chain.toArray(new X509Certificate[0]));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                store.store(out, pin);
                return out.toByteArray();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
