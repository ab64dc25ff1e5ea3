package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B (SHA-1), last six digits. */
    @Test
    void matchesTheRfcTestVectors() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepOfDriftAndNoMore() {
        byte[] secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        assertThat(Totp.match(secret, Totp.code(secret, now.minusSeconds(30)), now)).isPresent();
        assertThat(Totp.match(secret, Totp.code(secret, now.plusSeconds(30)), now)).isPresent();
        assertThat(Totp.match(secret, Totp.code(secret, now.minusSeconds(90)), now)).isEmpty();
        assertThat(Totp.match(secret, "12345", now)).isEmpty();
        assertThat(Totp.match(secret, null, now)).isEmpty();
    }

    @Test
    void base32IsWhatAuthenticatorAppsRead() {
        assertThat(Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
