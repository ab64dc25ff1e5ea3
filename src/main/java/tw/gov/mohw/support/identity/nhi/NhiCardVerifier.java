package tw.gov.mohw.support.identity.nhi;

/**
 * The port to the NHI verification service for 健保卡(插卡) sign-in: does this card exist, did it sign this
 * challenge, and is this its registered 網路服務密碼? The person is the one the NHI has for the card, never the ID the
 * browser reports. The test environment's adapter is a simulator that knows its test cards; production plugs in the
 * NHI service's adapter under the same interface.
 */
@org.springframework.modulith.NamedInterface("nhi")
public interface NhiCardVerifier {

    /**
     * @param cardNumber the card's 12-digit number, as the card component read it
     * @param challenge the challenge issued for this attempt
     * @param signature what the card made over the challenge ({@code H_Sign})
     * @param password the 健保卡網路服務密碼 the person typed
     */
    Verification verify(String cardNumber, byte[] challenge, byte[] signature, String password);

    /** The outcome, and the card holder's national ID when it is {@code VERIFIED}. */
    record Verification(Outcome outcome, String nationalId) {

        public static Verification of(Outcome outcome) {
            return new Verification(outcome, null);
        }
    }

    enum Outcome {
        VERIFIED,
        /** The card is not known to the NHI, or has been replaced or cancelled. */
        UNKNOWN_CARD,
        /** The signature is not the card's over this challenge. */
        BAD_SIGNATURE,
        /** The holder never registered a 網路服務密碼. */
        NO_PASSWORD_REGISTERED,
        WRONG_PASSWORD,
        /** The NHI service could not be reached or did not answer in time. */
        UNAVAILABLE
    }
}
