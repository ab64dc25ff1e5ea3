package tw.gov.mohw.support.identity.hca;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/**
 * An HCA trusted besides the configured ones ({@code support.hca.*}): its root, its issuing CA and its CRL, asked
 * for when cards are checked. Only the test environment's own HCA is one (module {@code testenv}); production has
 * none, and refuses to start with the test environment on.
 */
@org.springframework.modulith.NamedInterface("hca")
public interface ExtraTrust {

    X509Certificate root();

    X509Certificate issuingCa();

    /** Its current CRL. */
    X509CRL crl();

    /** Calls {@code listener} when it revokes a card, so that the CRL is read again at once. */
    void onRevocation(Runnable listener);
}
