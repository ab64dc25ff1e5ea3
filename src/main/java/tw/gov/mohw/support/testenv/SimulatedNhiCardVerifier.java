package tw.gov.mohw.support.testenv;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import tw.gov.mohw.support.identity.nhi.NhiCardVerifier;

/**
 * TEST ENVIRONMENT ONLY: the NHI verification service as far as 健保卡(插卡) sign-in needs it. It knows the test
 * cards, their keys and their 網路服務密碼, and answers as the real service would, including for a card it does not
 * know and a holder who never registered a password.
 */
class SimulatedNhiCardVerifier implements NhiCardVerifier {

    private final TestCards cards;

    SimulatedNhiCardVerifier(TestCards cards) {
        this.cards = cards;
    }

    @Override
    public Verification verify(String cardNumber, byte[] challenge, byte[] signature, String password) {
        var card = cards.nhiCard(cardNumber);
        if (card.isEmpty()) {
            return Verification.of(Outcome.UNKNOWN_CARD);
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(card.get().keys().getPublic());
            s.update(challenge);
            if (challenge.length == 0 || !s.verify(signature)) {
                return Verification.of(Outcome.BAD_SIGNATURE);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Verification.of(Outcome.BAD_SIGNATURE);
        }
        if (card.get().password() == null) {
            return Verification.of(Outcome.NO_PASSWORD_REGISTERED);
        }
        if (!MessageDigest.isEqual(card.get().password().getBytes(StandardCharsets.UTF_8),
                (password == null ? "" : password).getBytes(StandardCharsets.UTF_8))) {
            return Verification.of(Outcome.WRONG_PASSWORD);
        }
        return new Verification(Outcome.VERIFIED, card.get().nationalId());
    }
}
