package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.audit.AuditTrail;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.identity.Totp;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;
import tw.gov.mohw.support.testenv.SimulatedSmsGateway;
import tw.gov.mohw.support.testenv.TestHca;

/**
 * Two nodes on one database, as behind a load balancer without sticky sessions: what one node began, the other
 * continues, because every piece of state lives in the database — the session, a sign-in challenge, the SMS code's
 * countdown and tries, an account's lockout, and the audit trail, written from both nodes at once into one chain. (API
 * tokens across nodes: ApiClientTest.)
 */
@IntegrationTest
class TwoNodesTest {

    private static final Pattern CODE = Pattern.compile("(\\d{6})");
    private static ConfigurableApplicationContext second;
    private static String node2;

    @Autowired Api api;
    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired StaffAccounts staff;
    @Autowired SimulatedSmsGateway sms;
    @Autowired AuditTrail audit;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void secondNode() {
        if (second == null) {
            // the second node of a deployment: the same database, no card agent (its ports are the first's)
            second = new SpringApplicationBuilder(Application.class).profiles("test")
                    .run("--server.port=0", "--support.test-environment.agent=false");
            node2 = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
        }
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void aSessionBegunOnOneNodeGoesOnOnTheOtherAndEndsOnBoth() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        SignIns.Session browser = signIns.signedIn(signIns.signInWithCard(signIns.anonymous(),
                signIns.card(CardType.HPC, person), false));

        var me = api.send(node2, browser, "GET", "/api/v1/session", null, Map.of());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("/account")).isEqualTo("practitioner:" + person);
        LocalDate start = fixtures.today().plusDays(20);
        var filed = api.send(node2, browser, "POST", "/api/v1/submissions", Api.report(person,
                fixtures.institution("66000"), start.toString(), start.plusMonths(1).toString(), "MONDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "two-nodes-" + System.nanoTime()));
        assertThat(filed.status()).as(filed.raw()).isEqualTo(201);
        // the report filed on node 2 is read on node 1 in the same session
        var read = api.send(browser, "GET", "/api/v1/reports/" + filed.text("/id"), null, Map.of());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("/caseNumber")).isEqualTo(filed.text("/caseNumber"));

        var out = api.send(node2, browser, "POST", "/sign-out", null, Map.of());
        assertThat(out.status()).isLessThan(400);
        assertThat(api.send(browser, "GET", "/api/v1/session", null, Map.of()).status())
                .as("signed out on node 2, so on node 1 too").isEqualTo(401);
    }

    @Test
    void aChallengeIssuedByOneNodeIsAnsweredOnTheOtherOnce() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        TestHca.SoftCard card = signIns.card(CardType.HPC, person);
        SignIns.Session browser = signIns.anonymous();
        // issued by node 2; the card is of the first node's test HCA, which node 1 trusts (each test node has its own)
        byte[] challenge = Base64.getDecoder().decode(json.readTree(signIns.call(node2, browser, "POST",
                "/login/hca/challenge", "{}").body()).get("challenge").asString());
        String signature = Base64.getEncoder().encodeToString(card.sign(challenge));
        var answered = hcaSignIn(signIns.baseUrl(), browser, signature);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        var me = signIns.call(node2, signIns.signedIn(answered), "GET", "/api/v1/session", null);
        assertThat(json.readTree(me.body()).get("account").asString()).isEqualTo("practitioner:" + person);
        // used: not taken again
        assertThat(reason(hcaSignIn(signIns.baseUrl(), signIns.anonymous(), signature)))
                .isEqualTo("signin.hca.CHALLENGE_UNKNOWN");
    }

    @Test
    void wrongPasswordsOnBothNodesLockTheAccountOnBoth() {
        String username = "two-nodes-" + System.nanoTime();
        staff.createKnown(new StaffAccounts.NewAccount(username, Actor.Role.REVIEWER, "63000", "甲", null),
                "Right-Password-1", new byte[20]);
        for (int i = 1; i <= 5; i++) {
            String node = i % 2 == 0 ? node2 : signIns.baseUrl();
            var wrong = staffSignIn(node, username, "Wrong-Password-" + i);
            assertThat(reason(wrong)).as("attempt %d on %s", i, node).isEqualTo("signin.staff.WRONG");
        }
        for (String node : List.of(signIns.baseUrl(), node2)) {
            var locked = staffSignIn(node, username, "Right-Password-1");
            assertThat(locked.statusCode()).as(node).isEqualTo(429);
            assertThat(reason(locked)).as(node).isEqualTo("signin.staff.LOCKED");
        }
    }

    @Test
    void anSmsCodesCountdownAndTriesCountOnBothNodes() {
        String person = fixtures.practitioner(fixtures.institution("66000"));
        String mobile = fixtures.ownMobile(person);
        SignIns.Session browser = signIns.anonymous();
        String body = json.writeValueAsString(Map.of("nationalId", person, "mobile", mobile));
        assertThat(signIns.call(browser, "POST", "/login/sms", body).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> sms.latestTo(mobile).isPresent());
        Matcher m = CODE.matcher(sms.latestTo(mobile).orElseThrow().text());
        assertThat(m.find()).isTrue();
        String code = m.group(1);
        // the countdown started on node 1 holds on node 2, in another browser too
        assertThat(reason(signIns.call(node2, signIns.anonymous(), "POST", "/login/sms", body)))
                .isEqualTo("signin.sms.TOO_EARLY");
        // five wrong tries, split between the nodes, use the code up on both
        String wrong = code.equals("000000") ? "111111" : "000000";
        String typed = json.writeValueAsString(Map.of("code", wrong));
        for (int i = 1; i <= 4; i++) {
            var r = signIns.call(i % 2 == 0 ? signIns.baseUrl() : node2, browser, "POST", "/login/sms/verify", typed);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json.readTree(r.body()).get("detail").asString()).isEqualTo("驗證碼錯誤，尚可再試 " + (5 - i) + " 次。");
        }
        assertThat(reason(signIns.call(node2, browser, "POST", "/login/sms/verify", typed)))
                .isEqualTo("signin.sms.code.LOCKED");
        assertThat(reason(signIns.call(browser, "POST", "/login/sms/verify",
                json.writeValueAsString(Map.of("code", code))))).isEqualTo("signin.sms.code.LOCKED");
    }

    /**
     * Filings on both nodes at once: each node records its entries and chains whatever is waiting, the two chainers
     * taking turns on the chain's head; in the end one chain that verifies, with every filing's two entries.
     */
    @Test
    void theAuditTrailWrittenFromBothNodesAtOnceIsOneChainThatVerifies() throws Exception {
        String home = fixtures.institution("63000");
        String clerk = "institution:" + home;
        SignIns.Session session = signIns.session(clerk);
        LocalDate start = fixtures.today().plusDays(30);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String person = fixtures.practitioner(home);
            var body = Api.report(person, fixtures.institution("66000"), start.toString(),
                    start.plusMonths(1).toString(), "TUESDAY", "09:00", "12:00");
            String node = i % 2 == 0 ? node2 : signIns.baseUrl();
            calls.add(() -> api.send(node, session, "POST", "/api/v1/submissions", body,
                    Map.of("Idempotency-Key", "two-nodes-audit-" + person)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Long> ids = new ArrayList<>();
        try {
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.raw()).isEqualTo(201);
                ids.add(Long.parseLong(r.text("/id")));
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.backlog() == 0
                && ids.stream().allMatch(id -> audit.forSubject("report:" + id).size() == 2));
        for (long id : ids) {
            assertThat(audit.forSubject("report:" + id)).extracting(AuditTrail.Entry::action)
                    .containsExactlyInAnyOrder("report.create", "report.submit");
        }
        var verification = audit.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_inbox").query(Long.class).single()).isZero();
    }

    private HttpResponse<String> hcaSignIn(String node, SignIns.Session browser, String signature) {
        return signIns.call(node, browser, "POST", "/login/hca", json.writeValueAsString(Map.of("signature",
                signature)));
    }

    private HttpResponse<String> staffSignIn(String node, String username, String password) {
        return signIns.call(node, signIns.anonymous(), "POST", "/staff/login/password", json.writeValueAsString(
                Map.of("username", username, "password", password, "code", Totp.code(new byte[20],
                        java.time.Instant.now()))));
    }

    private String reason(HttpResponse<String> answer) {
        return json.readTree(answer.body()).get("type").asString().replace("urn:problem:", "");
    }
}
