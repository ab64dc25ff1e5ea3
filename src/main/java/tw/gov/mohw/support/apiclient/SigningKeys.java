package tw.gov.mohw.support.apiclient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign access tokens, kept in {@code token_signing_key} (V22) rather than made in memory at start-up as
 * the Spring Authorization Server samples do: every node signs with the same key and accepts the others' tokens, and
 * a token survives a restart. A key signs for {@link ApiClientProperties#keyLifetime()}; a new one takes over a day
 * before, and an old one's public half is published (and accepted) until the last token it signed has expired. The
 * private key is stored encrypted with AES-256-GCM under {@code support.api-clients.key-encryption-key}, which is not
 * in the database, and the key id is bound into the encryption, so a row cannot be swapped for another.
 *
 * <p>Read through a short cache: a node asks the database at most every {@link #CACHE} for the key set, and at once
 * when a token names a key it does not know (another node may just have made it).
 */
@Component
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final Duration CACHE = Duration.ofSeconds(60);
    private static final Duration UNKNOWN_KID_REFRESH = Duration.ofSeconds(5);
    /** A new key takes over this long before the old one stops signing, so no node ever has none. */
    private static final Duration OVERLAP = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApiClientProperties properties;
    private final Clock clock;
    private final SecretKey encryption;

    private record Loaded(Instant at, List<RSAKey> published, RSAKey signing) {
    }

    private volatile Loaded loaded;

    SigningKeys(JdbcClient jdbc, TransactionTemplate tx, ApiClientProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.encryption = new SecretKeySpec(properties.keyEncryptionKeyBytes(), "AES");
    }

    /**
     * The key to sign a token with now: made if there is none this node can use yet (a new deployment; or the
     * encryption key changed, so none it finds can be read — then it signs with a new one at once rather than fail
     * until the next rotation).
     */
    RSAKey signing() {
        Loaded l = current(false);
        if (l.signing() == null) {
            tx.executeWithoutResult(status -> {
                lock();
                if (current(true).signing() == null) {
                    make(clock.instant());
                }
            });
            l = current(true);
        }
        return l.signing();
    }

    /** The public keys whose tokens are accepted now: also what {@code /oauth2/jwks} publishes. */
    List<RSAKey> published() {
        return current(false).published();
    }

    /**
     * The public key {@code kid}, reading the database again when it is not known yet — at most every
     * {@link #UNKNOWN_KID_REFRESH}, so tokens naming made-up key ids cannot make every request a database read.
     */
    RSAKey published(String kid) {
        Loaded l = current(false);
        for (int attempt = 0; attempt < 2; attempt++) {
            for (RSAKey key : l.published()) {
                if (key.getKeyID().equals(kid)) {
                    return key;
                }
            }
            if (attempt == 0 && l.at().plus(UNKNOWN_KID_REFRESH).isBefore(clock.instant())) {
                l = current(true);
            } else {
                break;
            }
        }
        return null;
    }

    /**
     * Makes a new signing key when the newest will stop signing within {@link #OVERLAP} (or there is none), and
     * forgets keys no longer published. One node at a time: the others wait on the lock and then find it done.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10S")
    void rotate() {
        tx.executeWithoutResult(status -> {
            lock();
            Instant now = clock.instant();
            Instant newest = jdbc.sql("select max(signs_until) from token_signing_key")
                    .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class)).optional()
                    .map(java.time.OffsetDateTime::toInstant).orElse(null);
            if (newest == null || newest.isBefore(now.plus(OVERLAP))) {
                make(now);
            }
            jdbc.sql("delete from token_signing_key where published_until < ?").param(utc(now)).update();
        });
        loaded = null;
    }

    /** Makes a key that signs from now on (the one before it, if any, stops at once; its tokens stay valid). */
    void rotateNow() {
        tx.executeWithoutResult(status -> {
            lock();
            make(clock.instant());
        });
        loaded = null;
    }

    /** One node at a time makes keys: held until the transaction ends. */
    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('token_signing_key'))").query(Object.class).list();
    }

    private void make(Instant now) {
        try {
            String kid = UUID.randomUUID().toString();
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(java.util.Date.from(now)).generate();
            Instant signsUntil = now.plus(properties.keyLifetime());
            // the older keys stop signing now: a token is always signed with the newest
            jdbc.sql("update token_signing_key set signs_until = ? where signs_until > ?").params(utc(now), utc(now))
                    .update();
            jdbc.sql("""
                    insert into token_signing_key (kid, created_at, signs_until, published_until, public_jwk,
                        private_key) values (?, ?, ?, ?, ?, ?)""")
                    .params(kid, utc(now), utc(signsUntil), utc(signsUntil.plus(properties.tokenLifetime())
                            .plus(Duration.ofMinutes(5))), key.toPublicJWK().toJSONString(),
                            encrypt(kid, key.toPrivateKey().getEncoded()))
                    .update();
            // the older keys are published until their last token has expired
            jdbc.sql("update token_signing_key set published_until = ? where kid <> ? and published_until > ?")
                    .params(utc(now.plus(properties.tokenLifetime()).plus(Duration.ofMinutes(5))), kid,
                            utc(now.plus(properties.tokenLifetime()).plus(Duration.ofMinutes(5))))
                    .update();
            log.info("Token signing key {} made; it signs until {}", kid, signsUntil);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a token signing key", e);
        }
    }

    private Loaded current(boolean fresh) {
        Loaded l = loaded;
        Instant now = clock.instant();
        if (!fresh && l != null && l.at().plus(CACHE).isAfter(now)) {
            return l;
        }
        record Row(String kid, String jwk, byte[] secret, boolean signs) {
        }
        List<Row> rows = jdbc.sql("""
                select kid, public_jwk, private_key, signs_until > ? from token_signing_key
                 where published_until > ? order by created_at desc""").params(utc(now), utc(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBoolean(4)))
                .list();
        RSAKey signing = null;
        List<RSAKey> published = new java.util.ArrayList<>();
        for (Row row : rows) {
            try {
                RSAKey key = RSAKey.parse(row.jwk());
                published.add(key);
                if (signing == null && row.signs()) {
                    RSAPrivateKey priv = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(decrypt(row.kid(), row.secret())));
                    signing = new RSAKey.Builder(key).privateKey(priv).build();
                }
            } catch (ParseException | GeneralSecurityException e) {
                // a key we cannot read (another encryption key?) signs nothing here; said once a load
                log.error("Token signing key {} cannot be read: {}", row.kid(), e.getMessage());
            }
        }
        l = new Loaded(now, List.copyOf(published), signing);
        loaded = l;
        return l;
    }

    private byte[] encrypt(String kid, byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(128, nonce));
            aes.updateAAD(kid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = aes.doFinal(plain);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] decrypt(String kid, byte[] stored) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(128, stored, 0, 12));
        aes.updateAAD(kid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return aes.doFinal(stored, 12, stored.length - 12);
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
