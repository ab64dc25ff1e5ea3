package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.MovableClock;
import tw.gov.mohw.support.support.SignIns;

/** However busy, a session ends twelve hours after sign-in. */
@IntegrationTest
class SessionLifetimeTest {

    static final MovableClock CLOCK = MovableClock.followingSystem();

    @TestBean Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;

    @AfterEach
    void backToNow() {
        CLOCK.reset();
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignIn() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session session = signIns.signedIn(signIns.signInWithCard(signIns.anonymous(),
                signIns.card(CardType.HPC, person), false));
        CLOCK.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(signIns.call(session, "GET", "/api/v1/session", null).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(signIns.call(session, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        var page = signIns.call(session, "GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
