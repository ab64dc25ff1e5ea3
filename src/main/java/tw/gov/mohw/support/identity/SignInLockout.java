package tw.gov.mohw.support.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Five wrong secrets for one subject (an NHI card, a staff account) within fifteen minutes lock its sign-in for
 * fifteen minutes from the fifth. While locked, nothing is checked or counted. A success clears the count.
 */
@Component
public class SignInLockout {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInLockout(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Until when {@code subject} is locked, if it is. */
    public Optional<Instant> lockedUntil(String subject) {
        Instant now = clock.instant();
        return jdbc.sql("""
                select max(at) from (
                  select at, count(*) over (order by at range between cast(? as interval) preceding and current row) n
                  from sign_in_failure where subject = ? and at > ?) f
                where n >= ?""")
                .params(WINDOW.toSeconds() + " seconds", subject, utc(now.minus(WINDOW).minus(LOCK)), MAX_FAILURES)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional()
                .map(fifth -> fifth.plus(LOCK))
                .filter(now::isBefore);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String subject) {
        jdbc.sql("insert into sign_in_failure (subject, at) values (?, ?)").params(subject, utc(clock.instant()))
                .update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String subject) {
        jdbc.sql("delete from sign_in_failure where subject = ?").param(subject).update();
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
