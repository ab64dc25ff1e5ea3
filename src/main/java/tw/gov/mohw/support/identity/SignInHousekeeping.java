package tw.gov.mohw.support.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what sign-in no longer needs: used or expired challenges and SMS codes, request counts and failures past
 * every limit that reads them. Anyone can make such rows (before signing in), so they must not pile up; and an ID
 * paired with a mobile number is kept no longer than the hourly limit needs it. Safe on every node at once.
 */
@Component
class SignInHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(SignInHousekeeping.class);
    static final Duration KEEP = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInHousekeeping(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        var before = clock.instant().minus(KEEP).atOffset(ZoneOffset.UTC);
        int removed = jdbc.sql("delete from login_challenge where expires_at < ?").param(before).update()
                + jdbc.sql("delete from sms_code where expires_at < ?").param(before).update()
                + jdbc.sql("delete from sms_code_request where at < ?").param(before).update()
                + jdbc.sql("delete from sign_in_failure where at < ?").param(before).update();
        if (removed > 0) {
            log.info("Sign-in housekeeping removed {} expired rows", removed);
        }
    }
}
