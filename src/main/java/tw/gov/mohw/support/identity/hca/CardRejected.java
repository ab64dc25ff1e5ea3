package tw.gov.mohw.support.identity.hca;

/** A card signature that does not sign anyone in, with the reason each gets its own message and log entry for. */
public class CardRejected extends RuntimeException {

    private final Reason reason;

    public CardRejected(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        /** Not a CMS signature we can read, or not exactly one signer with its certificate. */
        MALFORMED,
        /** The signature does not verify against the certificate. */
        BAD_SIGNATURE,
        /** It signs something other than the challenge issued for this sign-in. */
        WRONG_CHALLENGE,
        /** The card's certificate has expired (or is not yet valid). */
        EXPIRED,
        /** The card's certificate is on the issuer's revocation list. */
        REVOKED,
        /** The certificate does not lead to a configured HCA trust anchor. */
        UNTRUSTED,
        /** Revocation could not be checked (no current list from the issuer). */
        REVOCATION_UNKNOWN,
        /** The certificate may not sign (key usage), or is neither an HPC nor an HOP card certificate. */
        NOT_A_SIGNING_CARD
    }
}
