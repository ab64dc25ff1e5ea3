package tw.gov.mohw.support.testenv;

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
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.jcajce.JcaCertStore;
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
import tw.gov.mohw.support.identity.hca.CardType;

/**
 * TEST ENVIRONMENT ONLY: a healthcare certification authority of our own — a root, an issuing CA and its CRL — that
 * issues soft cards (a key and certificate, exportable as PKCS#12) shaped like real HPC and HOP cards: the holder's
 * ID in the subject's serialNumber, the card type as a certificate policy, a signing key usage. A second, untrusted
 * root issues cards that must be refused. Production never creates or trusts it.
 */
public final class TestHca implements tw.gov.mohw.support.identity.hca.ExtraTrust {

    private static final String SIGNATURE = "SHA256withRSA";

    private final Clock clock;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.concurrent.atomic.AtomicLong CRL_NUMBERS =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());
    private static final char[] STORE_PASSWORD = "test-hca".toCharArray();

    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair issuingKeys;
    private final X509Certificate issuing;
    private final KeyPair rogueKeys;
    private final X509Certificate rogue;
    private final List<BigInteger> revoked = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestHca(Clock clock) throws GeneralSecurityException, OperatorCreationException, IOException {
        this.clock = clock;
        Instant now = clock.instant();
        rootKeys = rsaKeys();
        root = ca(name("測試用 HCA 根憑證 (Test HCA Root)"), rootKeys, name("測試用 HCA 根憑證 (Test HCA Root)"), rootKeys,
                now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3650)));
        issuingKeys = rsaKeys();
        issuing = ca(name("測試用醫事憑證管理中心 (Test HCA Issuing CA)"), issuingKeys,
                name("測試用 HCA 根憑證 (Test HCA Root)"), rootKeys, now.minus(Duration.ofDays(300)),
                now.plus(Duration.ofDays(3000)));
        rogueKeys = rsaKeys();
        rogue = ca(name("不受信任的憑證機構 (Untrusted CA)"), rogueKeys, name("不受信任的憑證機構 (Untrusted CA)"), rogueKeys,
                now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(3650)));
    }

    private TestHca(Clock clock, KeyStore store, List<BigInteger> revoked) throws GeneralSecurityException {
        this.clock = clock;
        rootKeys = keyPair(store, "root");
        root = (X509Certificate) store.getCertificate("root");
        issuingKeys = keyPair(store, "issuing");
        issuing = (X509Certificate) store.getCertificate("issuing");
        rogueKeys = keyPair(store, "rogue");
        rogue = (X509Certificate) store.getCertificate("rogue");
        this.revoked.addAll(revoked);
    }

    /**
     * The test HCA kept in {@code directory}: loaded if it was created there before, otherwise created and saved, so
     * soft cards issued at the first start keep working after a restart.
     */
    public static TestHca loadOrCreate(java.nio.file.Path directory, Clock clock) {
        java.nio.file.Path file = directory.resolve("test-hca.p12");
        java.nio.file.Path revokedFile = directory.resolve("revoked.txt");
        try {
            if (java.nio.file.Files.exists(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (var in = java.nio.file.Files.newInputStream(file)) {
                    store.load(in, STORE_PASSWORD);
                }
                List<BigInteger> revoked = java.nio.file.Files.exists(revokedFile)
                        ? java.nio.file.Files.readAllLines(revokedFile).stream().filter(l -> !l.isBlank())
                                .map(l -> new BigInteger(l.strip(), 16)).toList()
                        : List.of();
                TestHca hca = new TestHca(clock, store, revoked);
                hca.revokedFile = revokedFile;
                return hca;
            }
            TestHca hca = create(clock);
            java.nio.file.Files.createDirectories(directory);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("root", hca.rootKeys.getPrivate(), STORE_PASSWORD, new X509Certificate[] {hca.root});
            store.setKeyEntry("issuing", hca.issuingKeys.getPrivate(), STORE_PASSWORD,
                    new X509Certificate[] {hca.issuing, hca.root});
            store.setKeyEntry("rogue", hca.rogueKeys.getPrivate(), STORE_PASSWORD, new X509Certificate[] {hca.rogue});
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                store.store(out, STORE_PASSWORD);
            }
            hca.revokedFile = revokedFile;
            return hca;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not load the test HCA from " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.nio.file.Path revokedFile;

    private static KeyPair keyPair(KeyStore store, String alias) throws GeneralSecurityException {
        return new KeyPair(store.getCertificate(alias).getPublicKey(), (PrivateKey) store.getKey(alias, STORE_PASSWORD));
    }

    /** A soft card from its PKCS#12 file, opened with its PIN. */
    public static SoftCard open(byte[] pkcs12, char[] pin) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new java.io.ByteArrayInputStream(pkcs12), pin);
            PrivateKey key = (PrivateKey) store.getKey("card", pin);
            List<X509Certificate> chain = java.util.Arrays.stream(store.getCertificateChain("card"))
                    .map(c -> (X509Certificate) c).toList();
            X509Certificate certificate = chain.get(0);
            String policy = new JcaX509CertificateHolder(certificate).getExtensions() == null ? null
                    : CertificatePolicies.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                            .getPolicyInformation()[0].getPolicyIdentifier().getId();
            CardType type = java.util.Arrays.stream(CardType.values())
                    .filter(t -> t.policy().getId().equals(policy)).findFirst().orElse(CardType.HPC);
            var subject = new JcaX509CertificateHolder(certificate).getSubject();
            return new SoftCard(type, org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(
                    subject.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue()),
                    org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(
                            subject.getRDNs(BCStyle.CN)[0].getFirst().getValue()), certificate, key, chain);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("not a soft card, or a wrong PIN", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
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

    /**
     * A card valid for a year around now whose key is {@code keys}: tests issue many cards, and a fresh RSA key for
     * each would cost them a second apiece.
     */
    public SoftCard issue(CardType type, String holderId, String holderName, KeyPair keys) {
        Instant now = clock.instant();
        return card(type, holderId, holderName, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(335)), issuing,
                issuingKeys, true, keys);
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

    private final List<Runnable> revocationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code listener} whenever a card is revoked, as if the HCA had published a new CRL at once. */
    public void onRevocation(Runnable listener) {
        revocationListeners.add(listener);
    }

    public void revoke(SoftCard card) {
        revoked.add(card.certificate().getSerialNumber());
        revocationListeners.forEach(Runnable::run);
        if (revokedFile != null) {
            try {
                java.nio.file.Files.writeString(revokedFile, card.certificate().getSerialNumber().toString(16) + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
            // increasing across restarts (and whatever a test's clock says), as RFC 5280 asks
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(
                    BigInteger.valueOf(CRL_NUMBERS.incrementAndGet())));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
            }
            X509CRLHolder holder = builder.build(signer(issuingKeys.getPrivate()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private SoftCard card(CardType type, String holderId, String holderName, Instant notBefore, Instant notAfter,
            X509Certificate ca, KeyPair caKeys, boolean signing) {
        return card(type, holderId, holderName, notBefore, notAfter, ca, caKeys, signing, rsaKeys());
    }

    private SoftCard card(CardType type, String holderId, String holderName, Instant notBefore, Instant notAfter,
            X509Certificate ca, KeyPair caKeys, boolean signing, KeyPair keys) {
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "TW")
                    .addRDN(BCStyle.CN, holderName).addRDN(BCStyle.SERIALNUMBER, holderId).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
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
                serial(), Date.from(from), Date.from(to), subject, keys.getPublic());
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

    /** A fresh 2048-bit RSA key pair, as the cards and the simulated services use. */
    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
