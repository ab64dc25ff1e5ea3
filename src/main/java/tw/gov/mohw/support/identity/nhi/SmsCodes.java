package tw.gov.mohw.support.identity.nhi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.sms.SmsException;
import tw.gov.mohw.support.sms.SmsGateway;

/**
 * The SMS step of sign-in without a card: a 6-digit code from a CSPRNG, sent to the mobile number the person gave,
 * bound to this sign-in attempt, valid for five minutes, good for one use and five tries. A new code for the same
 * attempt only after the countdown ends; at most five requests an hour per phone and per ID.
 *
 * <p>The answer is the same whether or not the ID and mobile belong to a registered person: a code row is kept
 * either way (sent, and matchable, only when they do), the message goes out after the answer, so neither the
 * request, its timing, nor a later guess tells them apart.
 */
public class SmsCodes {

    private static final Logger log = LoggerFactory.getLogger(SmsCodes.class);

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_TRIES = 5;
    static final int MAX_PER_HOUR = 5;
    /** Requests not on record from one client address in an hour (a hospital's NAT serves many clerks). */
    static final int MAX_UNMATCHED_PER_ADDRESS = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Registry registry;
    private final SmsGateway sms;
    private final Executor sender;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param sender runs the actual sending after the answer is given, so a provider's latency never shows whether
     *     a message went out (and with it whether the ID and mobile belong together)
     */
    public SmsCodes(JdbcClient jdbc, TransactionTemplate tx, Registry registry, SmsGateway sms, Executor sender,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.registry = registry;
        this.sms = sms;
        this.sender = sender;
        this.clock = clock;
    }

    /** When the countdown ends (a new code may be asked for) and when the code stops working. */
    public record Sent(Instant resendAfter, Instant expiresAt) {
    }

    /**
     * Issues a code for the attempt and sends it when {@code mobile} is the person's number on record.
     *
     * <p>Who waits for whom: the 60 s cool-down and the five-an-hour quota count per national ID and mobile
     * together, whether or not they are on record — so the answers are the same either way, a second person in the
     * same browser does not wait for the first, and nobody can use up a person's quota with invented numbers.
     * Requests that are not on record are bounded besides per client address and per mobile, so one address cannot
     * send more than a few, nor one phone be asked for by many IDs; these never count against the real owner.
     *
     * @throws CodeRefused {@code TOO_EARLY} before the countdown ends, {@code TOO_MANY} over the hourly limits
     */
    public Sent request(String attemptId, NationalId nationalId, String mobile, String clientAddress) {
        Instant now = now();
        String code = "%06d".formatted(random.nextInt(1_000_000));
        boolean onRecord = registry.practitioner(nationalId).map(p -> mobile.equals(p.mobile())).orElse(false);
        String address = clientAddress == null ? "" : clientAddress;
        Sent sent = tx.execute(status -> {
            // Requests of one pair, one phone or one address take turns: parallel ones cannot slip past the limits.
            for (String key : List.of("sms-pair:" + nationalId.value() + ":" + mobile, "sms-phone:" + mobile,
                    "sms-address:" + address)) {
                jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(key).query(Object.class).list();
            }
            Instant hourAgo = now.minus(Duration.ofHours(1));
            var pair = jdbc.sql("""
                    select max(at), count(*) filter (where at > ?) from sms_code_request
                     where national_id = ? and mobile = ? and at > ?""")
                    .params(utc(hourAgo), nationalId.value(), mobile, utc(hourAgo))
                    .query((rs, n) -> new Object[] {rs.getTimestamp(1), rs.getLong(2)}).single();
            if (pair[0] != null && now.isBefore(((java.sql.Timestamp) pair[0]).toInstant().plus(RESEND_AFTER))) {
                throw new CodeRefused(CodeRefused.Reason.TOO_EARLY);
            }
            if ((Long) pair[1] >= MAX_PER_HOUR) {
                throw new CodeRefused(CodeRefused.Reason.TOO_MANY);
            }
            if (!onRecord) {
                long byAddress = jdbc.sql("""
                        select count(*) from sms_code_request where client_address = ? and not on_record and at > ?""")
                        .params(address, utc(hourAgo)).query(Long.class).single();
                long byPhone = jdbc.sql("""
                        select count(*) from sms_code_request where mobile = ? and not on_record and at > ?""")
                        .params(mobile, utc(hourAgo)).query(Long.class).single();
                if (byAddress >= MAX_UNMATCHED_PER_ADDRESS || byPhone >= MAX_PER_HOUR) {
                    throw new CodeRefused(CodeRefused.Reason.TOO_MANY);
                }
            }
            jdbc.sql("""
                    insert into sms_code_request (national_id, mobile, at, client_address, on_record)
                    values (?, ?, ?, ?, ?)""")
                    .params(nationalId.value(), mobile, utc(now), address, onRecord).update();
            jdbc.sql("""
                    insert into sms_code (attempt_id, national_id, mobile, code_hash, sent_at, expires_at, tries,
                      deliverable)
                    values (?, ?, ?, ?, ?, ?, 0, ?)
                    on conflict (attempt_id) do update set national_id = excluded.national_id,
                      mobile = excluded.mobile, code_hash = excluded.code_hash, sent_at = excluded.sent_at,
                      expires_at = excluded.expires_at, tries = 0, used_at = null,
                      deliverable = excluded.deliverable""")
                    .params(attemptId, nationalId.value(), mobile, hash(attemptId, code), utc(now),
                            utc(now.plus(LIFETIME)), onRecord)
                    .update();
            return new Sent(now.plus(RESEND_AFTER), now.plus(LIFETIME));
        });
        if (onRecord) {
            // A new reference for every code: a provider drops a repeated one, and a resent code must arrive.
            String reference = "otp-" + attemptId + "-" + now.toEpochMilli();
            sender.execute(() -> {
                try {
                    sms.send(mobile, "【報備支援系統】您的手機驗證碼為 " + code + "，5 分鐘內有效。請勿將驗證碼告訴他人。",
                            reference);
                } catch (RuntimeException e) {
                    // The person sees the countdown either way and may ask again; the operator sees this.
                    log.warn("SMS code not delivered for attempt {}: {}", attemptId,
                            e instanceof SmsException s ? s.reason() : e.getClass().getSimpleName());
                }
            });
        }
        return sent;
    }

    /** The code this attempt waits for, if one is still good: the page picks up where it was after a reload. */
    public Optional<Sent> pending(String attemptId) {
        return jdbc.sql("""
                select sent_at, expires_at from sms_code
                 where attempt_id = ? and used_at is null and expires_at > ? and tries < ?""")
                .params(attemptId, utc(now()), MAX_TRIES)
                .query((rs, n) -> new Sent(rs.getTimestamp(1).toInstant().plus(RESEND_AFTER),
                        rs.getTimestamp(2).toInstant()))
                .optional();
    }

    /**
     * Checks a code typed for the attempt and, when it is right, uses it up.
     *
     * @return the national ID the code was requested for
     * @throws CodeRefused {@code WRONG} (with tries left), {@code EXPIRED}, {@code USED}, {@code LOCKED} after five
     *     wrong tries, {@code NO_CODE} when the attempt never asked for one
     */
    public NationalId verify(String attemptId, String typed) {
        Instant now = now();
        // A wrong code is counted in its own committed transaction, then refused (null here): throwing inside
        // would roll the count back.
        NationalId verified = tx.execute(status -> {
            var row = jdbc.sql("""
                    select national_id, code_hash, expires_at, tries, used_at, deliverable from sms_code
                     where attempt_id = ? for update""")
                    .param(attemptId)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(),
                            rs.getInt(4), rs.getTimestamp(5) != null, rs.getBoolean(6)))
                    .optional().orElseThrow(() -> new CodeRefused(CodeRefused.Reason.NO_CODE));
            if (row.used()) {
                throw new CodeRefused(CodeRefused.Reason.USED);
            }
            if (row.tries() >= MAX_TRIES) {
                throw new CodeRefused(CodeRefused.Reason.LOCKED);
            }
            if (!now.isBefore(row.expiresAt())) {
                throw new CodeRefused(CodeRefused.Reason.EXPIRED);
            }
            boolean right = typed != null && typed.matches("\\d{6}")
                    && MessageDigest.isEqual(row.codeHash(), hash(attemptId, typed)) && row.deliverable();
            if (!right) {
                jdbc.sql("update sms_code set tries = tries + 1 where attempt_id = ?").param(attemptId).update();
                return null;
            }
            jdbc.sql("update sms_code set used_at = ? where attempt_id = ?").params(utc(now), attemptId).update();
            return new NationalId(row.nationalId());
        });
        return verified != null ? verified : wrong(attemptId);
    }

    private NationalId wrong(String attemptId) {
        int tries = jdbc.sql("select tries from sms_code where attempt_id = ?").param(attemptId).query(Integer.class)
                .single();
        throw tries >= MAX_TRIES ? new CodeRefused(CodeRefused.Reason.LOCKED)
                : new CodeRefused(CodeRefused.Reason.WRONG, MAX_TRIES - tries);
    }

    private record Row(String nationalId, byte[] codeHash, Instant expiresAt, int tries, boolean used,
            boolean deliverable) {
    }

    /** Codes are kept only as a hash bound to the attempt. */
    private static byte[] hash(String attemptId, String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((attemptId + ":" + code).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Why no code was sent, or why a typed code does not count. */
    public static class CodeRefused extends RuntimeException {

        private final Reason reason;
        private final int triesLeft;

        CodeRefused(Reason reason) {
            this(reason, 0);
        }

        CodeRefused(Reason reason, int triesLeft) {
            super(reason.name());
            this.reason = reason;
            this.triesLeft = triesLeft;
        }

        public Reason reason() {
            return reason;
        }

        public int triesLeft() {
            return triesLeft;
        }

        public enum Reason { TOO_EARLY, TOO_MANY, WRONG, EXPIRED, USED, LOCKED, NO_CODE }
    }
}
