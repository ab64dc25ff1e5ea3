package tw.gov.mohw.support.identity.hca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.identity.hca.LoginChallenges.ChallengeRejected;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class LoginChallengesTest {

    @Autowired JdbcClient jdbc;

    LoginChallenges at(Instant now) {
        return new LoginChallenges(jdbc, Clock.fixed(now, ZoneOffset.UTC));
    }

    static void assertRejected(Runnable call, ChallengeRejected.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ChallengeRejected.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aChallengeIsRandomAndWorksOnceForItsAttempt() {
        Instant now = Instant.now();
        String attempt = UUID.randomUUID().toString();
        byte[] challenge = at(now).issue(attempt);
        assertThat(challenge).hasSize(32);
        assertThat(at(now).issue(UUID.randomUUID().toString())).isNotEqualTo(challenge);
        assertRejected(() -> at(now).consume(UUID.randomUUID().toString(), challenge), ChallengeRejected.Reason.UNKNOWN);
        at(now.plusSeconds(30)).consume(attempt, challenge);
        assertRejected(() -> at(now.plusSeconds(31)).consume(attempt, challenge), ChallengeRejected.Reason.REPLAYED);
    }

    @Test
    void aChallengeExpiresAfterTwoMinutes() {
        Instant now = Instant.now();
        String attempt = UUID.randomUUID().toString();
        byte[] challenge = at(now).issue(attempt);
        assertRejected(() -> at(now.plus(Duration.ofMinutes(2))).consume(attempt, challenge),
                ChallengeRejected.Reason.EXPIRED);
    }

    @Test
    void aNewChallengeReplacesTheOldOneOfTheSameAttempt() {
        Instant now = Instant.now();
        String attempt = UUID.randomUUID().toString();
        byte[] first = at(now).issue(attempt);
        byte[] second = at(now).issue(attempt);
        assertRejected(() -> at(now).consume(attempt, first), ChallengeRejected.Reason.UNKNOWN);
        at(now).consume(attempt, second);
    }

    @Test
    void ofConcurrentUsesExactlyOneGetsThrough() throws Exception {
        Instant now = Instant.now();
        String attempt = UUID.randomUUID().toString();
        byte[] challenge = at(now).issue(attempt);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        at(now).consume(attempt, challenge);
                        return true;
                    } catch (ChallengeRejected e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int through = 0;
            for (Future<Boolean> f : results) {
                through += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(through).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
