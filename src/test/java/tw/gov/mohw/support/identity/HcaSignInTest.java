package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;
import tw.gov.mohw.support.testenv.TestHca;

/** 醫事憑證 sign-in over HTTP, as the login page's script does it, with every way it must fail. */
@IntegrationTest
class HcaSignInTest {

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired TestHca hca;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anHpcCardSignsInItsHolderAndAnHopCardAClerkOfItsInstitution() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var me = me(signIns.signedIn(signIns.signInWithCard(signIns.anonymous(), signIns.card(CardType.HPC, person),
                false)));
        assertThat(me).containsEntry("account", "practitioner:" + person).containsEntry("role", "PRACTITIONER");
        var clerk = me(signIns.signedIn(signIns.signInWithCard(signIns.anonymous(), signIns.card(CardType.HOP, home),
                false)));
        assertThat(clerk).containsEntry("account", "institution:" + home).containsEntry("role", "INSTITUTION");
        assertThat(lastSignIn(person)).isEqualTo("SUCCESS HCA_CARD null");
    }

    @Test
    void everyBadCardIsRefusedWithItsOwnReasonAndLogged() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        Instant now = Instant.now();
        var expired = hca.issue(CardType.HPC, person, "過期", now.minus(Duration.ofDays(400)), now.minusSeconds(60));
        assertRefused(expired, "EXPIRED");
        var revoked = hca.issue(CardType.HPC, person, "廢止");
        hca.revoke(revoked);
        assertRefused(revoked, "REVOKED");
        assertRefused(hca.issueUntrusted(CardType.HPC, person, "假卡"), "UNTRUSTED");
        assertRefused(hca.issueWithoutSigningUsage(CardType.HPC, person, "加密卡"), "NOT_A_SIGNING_CARD");
        // a real card of someone the registry does not know, and of a closed institution
        assertRefused(signIns.card(CardType.HPC, "A123456789"), "NOT_REGISTERED");
        assertRefused(signIns.card(CardType.HOP, fixtures.institution("63000", "CLINIC", "CLOSED")), "NOT_REGISTERED");
        assertThat(lastSignIn(person)).isEqualTo("FAILURE HCA_CARD NOT_A_SIGNING_CARD (holder unverified)");
    }

    @Test
    void aSignatureWorksOnceForItsOwnAttemptWithinTwoMinutes() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        TestHca.SoftCard card = signIns.card(CardType.HPC, person);

        // replayed: the same signature again, even in the same browser
        SignIns.Session browser = signIns.anonymous();
        String signature = sign(browser, card);
        assertThat(post(browser, signature).statusCode()).isEqualTo(200);
        SignIns.Session again = signIns.anonymous();
        assertThat(reason(post(again, signature))).isEqualTo("signin.hca.CHALLENGE_UNKNOWN");

        // another browser's challenge: not this attempt's
        SignIns.Session victim = signIns.anonymous();
        SignIns.Session attacker = signIns.anonymous();
        String stolen = sign(victim, card);
        assertThat(reason(post(attacker, stolen))).isEqualTo("signin.hca.CHALLENGE_UNKNOWN");

        // used: the same attempt cannot use its challenge twice
        SignIns.Session twice = signIns.anonymous();
        String once = sign(twice, card);
        var first = post(twice, once);
        assertThat(first.statusCode()).isEqualTo(200);
        SignIns.Session afterSignIn = new SignIns.Session(SignIns.cookie(first).orElseThrow(), twice.csrf());
        // (the session id changed at sign-in; the old one is gone)
        assertThat(signIns.call(twice, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(afterSignIn.cookie()).isNotEqualTo(twice.cookie());

        // expired: older than two minutes
        SignIns.Session slow = signIns.anonymous();
        String late = sign(slow, card);
        jdbc.sql("update login_challenge set expires_at = now() - interval '1 second' where used_at is null").update();
        assertThat(reason(post(slow, late))).isEqualTo("signin.hca.CHALLENGE_EXPIRED");
    }

    @Test
    void tamperedOrGarbageSignaturesAreRefused() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session browser = signIns.anonymous();
        byte[] signature = Base64.getDecoder().decode(sign(browser, signIns.card(CardType.HPC, person)));
        signature[signature.length - 10] ^= 0x01;
        assertThat(reason(post(browser, Base64.getEncoder().encodeToString(signature))))
                .isIn("signin.hca.BAD_SIGNATURE", "signin.hca.MALFORMED");
        assertThat(reason(post(browser, "bm90IGEgc2lnbmF0dXJl"))).isEqualTo("signin.hca.MALFORMED");
        assertThat(reason(post(browser, "%%%"))).isEqualTo("signin.hca.MALFORMED");
        assertThat(reason(post(browser, "A".repeat(50_000)))).isEqualTo("signin.hca.MALFORMED");
    }

    @Test
    void staffSignInWithTheirOwnHpcCardOnlyOnTheStaffPage() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        var card = signIns.card(CardType.HPC, person);
        // no staff account for this person
        var none = signIns.signInWithCard(signIns.anonymous(), card, true);
        assertThat(reason(none)).isEqualTo("signin.hca.NO_STAFF_ACCOUNT");
        String staffId = tw.gov.mohw.support.registry.NationalId.generate('Z', '2',
                (int) (System.nanoTime() % 10_000_000)).value();
        jdbc.sql("""
                insert into staff_account (username, role, bureau_code, display_name, national_id, password_hash,
                  totp_secret, created_by, created_at)
                values (?, 'REVIEWER', '63000', '審核', ?, 'x', '\\x00', 'test', now())""")
                .params("hpc-" + staffId.toLowerCase(), staffId).update();
        var staff = me(signIns.signedIn(signIns.signInWithCard(signIns.anonymous(),
                signIns.card(CardType.HPC, staffId), true)));
        assertThat(staff).containsEntry("role", "REVIEWER").containsEntry("account", "staff:hpc-" + staffId.toLowerCase());
    }

    private void assertRefused(TestHca.SoftCard card, String reason) {
        var answer = signIns.signInWithCard(signIns.anonymous(), card, false);
        assertThat(answer.statusCode()).as(reason).isEqualTo(401);
        assertThat(reason(answer)).isEqualTo("signin.hca." + reason);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(SignIns.cookie(answer)).as("no session is started").isEmpty();
    }

    private String sign(SignIns.Session browser, TestHca.SoftCard card) {
        var c = signIns.call(browser, "POST", "/login/hca/challenge", "{}");
        return Base64.getEncoder().encodeToString(card.sign(Base64.getDecoder().decode(
                json.readTree(c.body()).get("challenge").asString())));
    }

    private java.net.http.HttpResponse<String> post(SignIns.Session browser, String signature) {
        return signIns.call(browser, "POST", "/login/hca", json.writeValueAsString(Map.of("signature", signature)));
    }

    private String reason(java.net.http.HttpResponse<String> answer) {
        return json.readTree(answer.body()).get("type").asString().replace("urn:problem:", "");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> me(SignIns.Session session) {
        return json.readValue(signIns.call(session, "GET", "/api/v1/session", null).body(), Map.class);
    }

    private String lastSignIn(String subject) {
        return jdbc.sql("""
                select outcome || ' ' || method || ' ' || coalesce(reason, 'null') from security_event
                 where kind = 'SIGN_IN' and subject = ? order by id desc limit 1""")
                .param(SecurityLog.subject(subject)).query(String.class).single();
    }
}
