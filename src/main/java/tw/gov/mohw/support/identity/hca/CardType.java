package tw.gov.mohw.support.identity.hca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The two kinds of healthcare certificate card (醫事憑證), told apart by the certificate policy the HCA puts in
 * their certificates (public samples show these OIDs under 2.16.886.1.100.3).
 */
@org.springframework.modulith.NamedInterface("hca")
public enum CardType {
    /** 醫事人員卡: signs in a person. */
    HPC("2.16.886.1.100.3.1.7"),
    /** 醫事機構卡: signs in a clerk of an institution. */
    HOP("2.16.886.1.100.3.2.21");

    private final ASN1ObjectIdentifier policy;

    CardType(String policy) {
        this.policy = new ASN1ObjectIdentifier(policy);
    }

    public ASN1ObjectIdentifier policy() {
        return policy;
    }
}
