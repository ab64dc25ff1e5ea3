package tw.gov.mohw.support.identity.hca;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server's challenges for card signatures: 256 random bits from a CSPRNG, bound to one sign-in attempt, valid
 * for two minutes and good for one use. Stored in the database, so a challenge issued by one node is checked by
 * any other, and a replayed signature is refused everywhere.
 */
@Component
public class LoginChallenges {

    static final Duration LIFETIME = Duration.ofMinutes(2);
    private static final int BYTES = 32;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LoginChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh challenge for {@code attemptId}; a new one replaces any earlier one of the same attempt. */
    public byte[] issue(String attemptId) {
        byte[] challenge = new byte[BYTES];
        random.nextBytes(challenge);
        Instant now = now();
        jdbc.sql("""
                insert into login_challenge (attempt_id, challenge, created_at, expires_at) values (?, ?, ?, ?)
                on conflict (attempt_id) do update set challenge = excluded.challenge, created_at = excluded.created_at,
                  expires_at = excluded.expires_at, used_at = null""")
                .params(attemptId, challenge, now.atOffset(ZoneOffset.UTC), now.plus(LIFETIME).atOffset(ZoneOffset.UTC))
                .update();
        return challenge;
    }

    /**
     * Uses up the challenge of {@code attemptId} if it is {@code challenge}, unused and unexpired. Of two requests
     * with the same challenge at once, exactly one gets through.
     *
     * @throws ChallengeRejected saying why otherwise
     */
    public void consume(String attemptId, byte[] challenge) {
        Instant now = now();
        var stored = jdbc.sql("select challenge, expires_at, used_at from login_challenge where attempt_id = ?")
                .param(attemptId)
                .query((rs, n) -> new Stored(rs.getBytes(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3) != null))
                .optional();
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().challenge(), challenge)) {
            throw new ChallengeRejected(ChallengeRejected.Reason.UNKNOWN);
        }
        if (stored.get().used()) {
            throw new ChallengeRejected(ChallengeRejected.Reason.REPLAYED);
        }
        if (!now.isBefore(stored.get().expiresAt())) {
            throw new ChallengeRejected(ChallengeRejected.Reason.EXPIRED);
        }
        int won = jdbc.sql("""
                update login_challenge set used_at = ? where attempt_id = ? and challenge = ? and used_at is null""")
                .params(now.atOffset(ZoneOffset.UTC), attemptId, challenge).update();
        if (won != 1) {
            throw new ChallengeRejected(ChallengeRejected.Reason.REPLAYED);
        }
    }

    /** PostgreSQL keeps microseconds (rounding the rest), so compare at the precision it stores. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Stored(byte[] challenge, Instant expiresAt, boolean used) {
    }

    /** Why a challenge does not count. */
    public static class ChallengeRejected extends RuntimeException {

        private final Reason reason;

        ChallengeRejected(Reason reason) {
            super(reason.name());
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        public enum Reason {
            /** Not the challenge issued for this attempt (or no attempt). */
            UNKNOWN,
            /** Already used: a replayed signature. */
            REPLAYED,
            /** Older than two minutes. */
            EXPIRED
        }
    }
}
