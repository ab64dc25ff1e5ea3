package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** Sessions: fixation, CSRF, cookie flags, idle timeout, signing out here and everywhere. */
@IntegrationTest
class SessionsTest {

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired Api api;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    private SignIns.Session signIn(String person) {
        return signIns.signedIn(signIns.signInWithCard(signIns.anonymous(), signIns.card(CardType.HPC, person), false));
    }

    @Test
    void signingInStartsANewSessionAndTheOldIdSignsNobodyIn() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session before = signIns.anonymous();
        var answer = signIns.signInWithCard(before, signIns.card(CardType.HPC, person), false);
        SignIns.Session after = signIns.signedIn(answer);
        assertThat(after.cookie()).isNotEqualTo(before.cookie());
        assertThat(signIns.call(before, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(signIns.call(after, "GET", "/api/v1/session", null).statusCode()).isEqualTo(200);
        // the CSRF token changed too
        assertThat(after.csrf()).isNotEqualTo(before.csrf());
        String cookie = answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        // 216 random bits, not a UUID's 122, and what the database keeps is that id
        assertThat(sessionId(after)).hasSize(36).matches("[A-Za-z0-9_-]{36}")
                .doesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .isNotEqualTo(sessionId(before));
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?").param(sessionId(after))
                .query(Long.class).single()).isEqualTo(1);
        // 30 minutes idle, kept in the database for every node
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?")
                .param("practitioner:" + person).query(Integer.class).list()).containsOnly(1800);
    }

    @Test
    void thirtyIdleMinutesEndASession() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session idle = signIn(person);
        SignIns.Session busy = signIn(person);
        // the idle one was last used 31 minutes ago, the other 29
        jdbc.sql("update spring_session set last_access_time = last_access_time - ? where session_id = ?")
                .params(31 * 60_000L, sessionId(idle)).update();
        jdbc.sql("update spring_session set last_access_time = last_access_time - ? where session_id = ?")
                .params(29 * 60_000L, sessionId(busy)).update();
        assertThat(signIns.call(idle, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(signIns.call(busy, "GET", "/api/v1/session", null).statusCode()).isEqualTo(200);
    }

    private static String sessionId(SignIns.Session session) {
        return new String(java.util.Base64.getDecoder().decode(session.cookie()), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void everyStateChangingRequestNeedsThisSessionsCsrfToken() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        SignIns.Session session = signIn(person);
        String draft = json.writeValueAsString(Api.report(person, fixtures.institution("63000"),
                fixtures.today().plusDays(3).toString(), fixtures.today().plusDays(9).toString(), "MONDAY", "09:00",
                "10:00"));
        long before = reports();
        var none = signIns.call(new SignIns.Session(session.cookie(), ""), "POST", "/api/v1/reports", draft);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(json.readTree(none.body()).get("type").asString()).isEqualTo("urn:problem:problem.detail.csrf");
        SignIns.Session other = signIn(fixtures.practitioner(home));
        var foreign = signIns.call(new SignIns.Session(session.cookie(), other.csrf()), "POST", "/api/v1/reports", draft);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(reports()).isEqualTo(before);
        assertThat(signIns.call(session, "POST", "/api/v1/reports", draft).statusCode()).isEqualTo(201);
        // sign-in itself is protected too (login CSRF)
        SignIns.Session anonymous = signIns.anonymous();
        assertThat(signIns.call(new SignIns.Session(anonymous.cookie(), ""), "POST", "/login/hca/challenge", "{}")
                .statusCode()).isEqualTo(403);
        // the sign-out form as well
        assertThat(signIns.call(new SignIns.Session(session.cookie(), ""), "POST", "/sign-out", null).statusCode())
                .isEqualTo(403);
        assertThat(signIns.call(session, "GET", "/api/v1/session", null).statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutEndsThisSessionAndSigningOutEverywhereEndsThemAll() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session phone = signIn(person);
        SignIns.Session desk = signIn(person);
        SignIns.Session laptop = signIn(person);
        HttpResponse<String> out = signIns.call(phone, "POST", "/sign-out", null);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        assertThat(signIns.call(phone, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(signIns.call(desk, "GET", "/api/v1/session", null).statusCode()).isEqualTo(200);

        var everywhere = signIns.call(desk, "POST", "/sign-out-everywhere", null);
        assertThat(everywhere.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOutEverywhere");
        assertThat(signIns.call(desk, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(signIns.call(laptop, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?")
                .param("practitioner:" + person).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from security_event where kind = 'SIGN_OUT' and subject = ?")
                .param(SecurityLog.subject("practitioner:" + person)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void pagesSendTheSignedOutToTheLoginPageAndTheApiAnswers401() {
        var page = signIns.call(null, "GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(signIns.call(null, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(401);
        String person = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session session = signIn(person);
        var home = signIns.call(session, "GET", "/", null);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("我的報備");
        var account = signIns.call(session, "GET", "/account", null);
        assertThat(account.body()).contains(person.substring(0, 6) + "****").contains("登出所有裝置")
                .doesNotContain(person);
    }

    private long reports() {
        return jdbc.sql("select count(*) from support_report").query(Long.class).single();
    }
}
