package tw.gov.mohw.support.sms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code support.sms.*}: which gateway sends text messages, and the HTTP provider's address and account. The
 * password comes from the environment ({@code SUPPORT_SMS_HTTP_PASSWORD}), never from the repository.
 *
 * @param provider {@code http} for a real provider; the test environment uses its simulator
 */
@ConfigurationProperties("support.sms")
record SmsProperties(@DefaultValue("none") String provider, Http http) {

    /** The HTTP provider. */
    record Http(URI url, String account, String password, @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout) {

        @Override
        public String toString() {
            return "Http[url=" + url + ", account=" + account + ", password=****, connectTimeout=" + connectTimeout
                    + ", readTimeout=" + readTimeout + "]";
        }
    }
}
