package tw.gov.mohw.support.identity.hca;

import java.math.BigInteger;

/**
 * Who a verified card signature signs in, taken from the certificate alone.
 *
 * @param holderId the national ID (HPC) or the 10-digit institution code (HOP), from the subject's serialNumber
 * @param certificateSerial the certificate's serial number, for the security log
 */
public record VerifiedCard(CardType type, String holderId, String holderName, BigInteger certificateSerial) {
}
