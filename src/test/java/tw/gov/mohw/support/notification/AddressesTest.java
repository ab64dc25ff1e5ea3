package tw.gov.mohw.support.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 通知狀況 shows addresses masked, in its own column and inside a provider's answer. */
class AddressesTest {

    @Test
    void addressesAreMaskedWhereverTheyAppear() {
        assertThat(Addresses.masked("SMS", "0912345678")).isEqualTo("0912***678");
        assertThat(Addresses.masked("EMAIL", "wang@example.tw")).isEqualTo("wa***@example.tw");
        assertThat(Addresses.maskedWithin("550 5.1.1 <wang.xiaoming@example.tw>: no such user; "
                + "INVALID_NUMBER 0912345678")).isEqualTo("550 5.1.1 <wa***@example.tw>: no such user; "
                + "INVALID_NUMBER 0912***678");
        assertThat(Addresses.maskedWithin("simulated: the mail server did not answer"))
                .isEqualTo("simulated: the mail server did not answer");
    }
}
