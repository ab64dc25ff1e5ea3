package tw.gov.mohw.support.apiclient;

import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code support.api-clients.*}: the machine channel's settings.
 *
 * @param keyEncryptionKey AES-256 key (base64 of 32 bytes) that encrypts the token signing keys in the database;
 *     the same on every node. Unset, a fixed key stands in, which only the test environment accepts: the production
 *     profile refuses to start without one of its own
 * @param tokenLifetime how long an access token is good for
 * @param keyLifetime how long one signing key signs before the next takes over
 * @param perMinute the rate limit a new client gets (requests a minute, all nodes together)
 */
@ConfigurationProperties("support.api-clients")
record ApiClientProperties(String keyEncryptionKey, @DefaultValue("PT10M") Duration tokenLifetime,
        @DefaultValue("P30D") Duration keyLifetime, @DefaultValue("120") int perMinute) {

    /** The test environment's stand-in: public in this source, so never good enough for production. */
    static final String TEST_ENVIRONMENT_KEY = "dGVzdC1lbnZpcm9ubWVudC1vbmx5LW5vdC1zZWNyZXQ=";

    byte[] keyEncryptionKeyBytes() {
        byte[] key = Base64.getDecoder().decode(keyEncryptionKey == null || keyEncryptionKey.isBlank()
                ? TEST_ENVIRONMENT_KEY : keyEncryptionKey.strip());
        if (key.length != 32) {
            throw new IllegalArgumentException("support.api-clients.key-encryption-key must be 32 bytes in base64");
        }
        return key;
    }
}
