package tw.gov.mohw.support.identity.hca;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies a card's sign-in signature: a CMS SignedData over the server's challenge, made with the card's signing
 * key, carrying the card's certificate. Who signs in is taken from that certificate alone, and only after
 * everything holds: the signature, the challenge, a path to a configured HCA trust anchor at the current time,
 * the issuer's revocation list, a signing key usage and an HPC or HOP card policy.
 */
public final class CardSignatureVerifier {

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> issuingCas;
    private final Supplier<Collection<X509CRL>> crls;
    private final Clock clock;

    /**
     * @param anchors the HCA root certificates trusted here
     * @param issuingCas the HCA issuing CAs between the roots and the cards
     * @param crls the issuers' current revocation lists (cached and refreshed by the caller)
     */
    public CardSignatureVerifier(Collection<X509Certificate> anchors, Collection<X509Certificate> issuingCas,
            Supplier<Collection<X509CRL>> crls, Clock clock) {
        this.anchors = anchors.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        this.issuingCas = List.copyOf(issuingCas);
        this.crls = crls;
        this.clock = clock;
    }

    /**
     * @param signature the CMS SignedData the card made, with the signed content encapsulated
     * @param challenge the challenge issued for this sign-in attempt
     * @throws CardRejected with the first reason the signature does not sign anyone in
     */
    public VerifiedCard verify(byte[] signature, byte[] challenge) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(signature);
        } catch (CMSException | RuntimeException e) {
            throw new CardRejected(CardRejected.Reason.MALFORMED, "not a CMS SignedData");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1 || signed.getSignedContent() == null) {
            throw new CardRejected(CardRejected.Reason.MALFORMED, "expected one signer and encapsulated content");
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> own = signed.getCertificates().getMatches(signer.getSID());
        if (own.size() != 1) {
            throw new CardRejected(CardRejected.Reason.MALFORMED, "the signer's certificate is missing");
        }
        X509Certificate card = certificate(own.iterator().next());
        try {
            // Against the key alone: the certificate's dates are the path check's business, with its own reason.
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(card.getPublicKey()))) {
                throw new CardRejected(CardRejected.Reason.BAD_SIGNATURE, "signature does not verify");
            }
        } catch (CMSException | RuntimeException e) {
            if (e instanceof CardRejected rejected) {
                throw rejected;
            }
            throw new CardRejected(CardRejected.Reason.BAD_SIGNATURE, "signature does not verify");
        } catch (OperatorCreationException e) {
            throw new CardRejected(CardRejected.Reason.MALFORMED, "unusable signer key");
        }
        if (!(signed.getSignedContent().getContent() instanceof byte[] content)
                || !MessageDigest.isEqual(content, challenge)) {
            throw new CardRejected(CardRejected.Reason.WRONG_CHALLENGE, "signed content is not this attempt's challenge");
        }
        validatePath(card, signed);
        boolean[] usage = card.getKeyUsage();
        if (usage == null || !usage[0]) {
            throw new CardRejected(CardRejected.Reason.NOT_A_SIGNING_CARD, "no digitalSignature key usage");
        }
        if (card.getBasicConstraints() != -1) {
            throw new CardRejected(CardRejected.Reason.NOT_A_SIGNING_CARD, "a CA certificate is not a card");
        }
        return new VerifiedCard(cardType(card), rdn(card, BCStyle.SERIALNUMBER), rdn(card, BCStyle.CN),
                card.getSerialNumber());
    }

    private void validatePath(X509Certificate card, CMSSignedData signed) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(card);
        X509Certificate issuer = issuerOf(card);
        if (issuer == null) {
            throw new CardRejected(CardRejected.Reason.UNTRUSTED, "issuer is not a known HCA issuing CA");
        }
        path.add(issuer);
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(clock.instant()));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls.get())));
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            // The card's own status, from the issuer's CRL; no OCSP fallback (an unknown status is a refusal).
            revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                    PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
            params.addCertPathChecker(revocation);
            validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            throw new CardRejected(reason(e), String.valueOf(e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new CardRejected(CardRejected.Reason.UNTRUSTED, "certificate path not checkable");
        }
    }

    private static CardRejected.Reason reason(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return CardRejected.Reason.EXPIRED;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return CardRejected.Reason.REVOKED;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return CardRejected.Reason.REVOCATION_UNKNOWN;
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return CardRejected.Reason.UNTRUSTED;
        }
        return CardRejected.Reason.UNTRUSTED;
    }

    /** The configured issuing CA that signed the card's certificate; certificates the card sends are not used. */
    private X509Certificate issuerOf(X509Certificate card) {
        for (X509Certificate ca : issuingCas) {
            if (ca.getSubjectX500Principal().equals(card.getIssuerX500Principal())) {
                try {
                    card.verify(ca.getPublicKey());
                    return ca;
                } catch (GeneralSecurityException notThisOne) {
                    // same name, other key: keep looking
                }
            }
        }
        return null;
    }

    private static CardType cardType(X509Certificate card) {
        try {
            CertificatePolicies policies = CertificatePolicies.fromExtensions(
                    new JcaX509CertificateHolder(card).getExtensions());
            if (policies != null) {
                for (PolicyInformation info : policies.getPolicyInformation()) {
                    ASN1ObjectIdentifier id = info.getPolicyIdentifier();
                    for (CardType type : CardType.values()) {
                        if (type.policy().equals(id)) {
                            return type;
                        }
                    }
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // reported below
        }
        throw new CardRejected(CardRejected.Reason.NOT_A_SIGNING_CARD, "neither an HPC nor an HOP certificate");
    }

    /** The one value of {@code type} in the subject, matched by type even inside a multi-valued RDN. */
    private static String rdn(X509Certificate card, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(card.getSubjectX500Principal().getEncoded()).getRDNs(type)) {
            for (var value : rdn.getTypesAndValues()) {
                if (value.getType().equals(type)) {
                    values.add(IETFUtils.valueToString(value.getValue()));
                }
            }
        }
        if (values.size() != 1) {
            throw new CardRejected(CardRejected.Reason.NOT_A_SIGNING_CARD, "subject lacks a single " + type);
        }
        return values.get(0);
    }

    private static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new CardRejected(CardRejected.Reason.MALFORMED, "unreadable certificate");
        }
    }

}
