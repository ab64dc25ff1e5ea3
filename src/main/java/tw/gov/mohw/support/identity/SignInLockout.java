package tw.gov.mohw.support.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Five wrong secrets for one subject (an NHI card; a staff account from one address) within fifteen minutes lock
 * its sign-in for fifteen minutes from the fifth. While locked, nothing is checked or counted. A success clears the
 * count. Attempts on one subject take turns (an advisory lock held across check, verification and count), so a
 * burst of parallel guesses cannot all pass the check before the first failure is counted.
 */
@Component
public class SignInLockout {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    SignInLockout(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The outcome of a guarded attempt: the verification's result, or until when the subject is locked. */
    public record Attempt<T>(T result, Instant lockedUntil) {

        public boolean locked() {
            return lockedUntil != null;
        }
    }

    /**
     * Verifies under the subject's lock: refused at once while locked; otherwise {@code verify} runs (in this
     * transaction, with the lock held) and a result that {@code failed} says is a wrong secret is counted.
     */
    public <T> Attempt<T> attempt(String subject, Supplier<T> verify, Predicate<T> failed) {
        return tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("sign-in:" + subject).query(Object.class).list();
            Optional<Instant> locked = lockedUntil(subject);
            if (locked.isPresent()) {
                return new Attempt<T>(null, locked.get());
            }
            T result = verify.get();
            if (failed.test(result)) {
                jdbc.sql("insert into sign_in_failure (subject, at) values (?, ?)")
                        .params(subject, clock.instant().atOffset(ZoneOffset.UTC)).update();
            } else {
                jdbc.sql("delete from sign_in_failure where subject = ?").param(subject).update();
            }
            return new Attempt<>(result, null);
        });
    }

    /** Until when {@code subject} is locked, if it is. */
    Optional<Instant> lockedUntil(String subject) {
        Instant now = clock.instant();
        return jdbc.sql("""
                select max(at) from (
                  select at, count(*) over (order by at range between cast(? as interval) preceding and current row) n
                  from sign_in_failure where subject = ? and at > ?) f
                where n >= ?""")
                .params(WINDOW.toSeconds() + " seconds", subject, now.minus(WINDOW).minus(LOCK).atOffset(ZoneOffset.UTC),
                        MAX_FAILURES)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional()
                .map(fifth -> fifth.plus(LOCK))
                .filter(now::isBefore);
    }
}
