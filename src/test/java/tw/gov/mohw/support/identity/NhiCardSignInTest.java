package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;
import tw.gov.mohw.support.testenv.TestCards;

/** 健保卡登入(插卡): the card signs this attempt's challenge, the NHI service checks card, signature and password. */
@IntegrationTest
class NhiCardSignInTest {

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired TestCards cards;
    @Autowired Registry registry;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    private TestCards.NhiCard card(String password) {
        String person = fixtures.practitioner(fixtures.institution("64000"));
        return cards.addNhi(registry.practitioner(NationalId.parse(person)).orElseThrow(), password);
    }

    @Test
    void theRightCardAndPasswordSignTheHolderIn() {
        var card = card("Right-Pass-1");
        var answer = attempt(signIns.anonymous(), card, "Right-Pass-1", card.cardNumber());
        assertThat(answer.statusCode()).isEqualTo(200);
        var me = json.readTree(signIns.call(signIns.signedIn(answer), "GET", "/api/v1/session", null).body());
        assertThat(me.get("account").asString()).isEqualTo("practitioner:" + card.nationalId());
    }

    @Test
    void fiveWrongPasswordsLockTheCardForFifteenMinutes() {
        var card = card("Right-Pass-2");
        for (int i = 1; i <= 5; i++) {
            var wrong = attempt(signIns.anonymous(), card, "wrong-" + i, card.cardNumber());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(reason(wrong)).isEqualTo("signin.nhi.WRONG_PASSWORD");
        }
        var locked = attempt(signIns.anonymous(), card, "Right-Pass-2", card.cardNumber());
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(reason(locked)).isEqualTo("signin.nhi.LOCKED");
        assertThat(json.readTree(locked.body()).get("detail").asString()).matches(".*請於 \\d\\d:\\d\\d 後再試。");
        // fifteen minutes later (moved back in the database), the right password works and clears the count
        jdbc.sql("update sign_in_failure set at = at - interval '16 minutes' where subject = ?")
                .param("nhi-card:" + card.cardNumber()).update();
        assertThat(attempt(signIns.anonymous(), card, "Right-Pass-2", card.cardNumber()).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from sign_in_failure where subject = ?")
                .param("nhi-card:" + card.cardNumber()).query(Long.class).single()).isZero();
        // nothing secret is logged
        assertThat(jdbc.sql("select count(*) from security_event where reason like '%Pass%' or reason like '%wrong-%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void parallelGuessesCountOneByOne() throws Exception {
        var card = card("Right-Pass-4");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var guesses = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                SignIns.Session browser = signIns.anonymous();
                String challenge = challenge(browser);
                byte[] signature = card.sign(Base64.getDecoder().decode(challenge));
                guesses.add(pool.submit(() -> post(browser, card.cardNumber(), challenge, signature, "guess-" + n)));
            }
            int wrong = 0;
            int locked = 0;
            for (var g : guesses) {
                int status = g.get().statusCode();
                wrong += status == 401 ? 1 : 0;
                locked += status == 429 ? 1 : 0;
            }
            assertThat(wrong).as("only five guesses are ever checked").isEqualTo(5);
            assertThat(locked).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownCardsMissingPasswordsForeignSignaturesAndReplaysAreRefused() {
        var card = card("Right-Pass-3");
        assertThat(reason(attempt(signIns.anonymous(), card, "Right-Pass-3", "999999999999")))
                .isEqualTo("signin.nhi.UNKNOWN_CARD");
        assertThat(reason(attempt(signIns.anonymous(), card, "Right-Pass-3", "12")))
                .isEqualTo("signin.nhi.NO_CARD");
        var unregistered = card(null);
        assertThat(reason(attempt(signIns.anonymous(), unregistered, "anything", unregistered.cardNumber())))
                .isEqualTo("signin.nhi.NO_PASSWORD_REGISTERED");
        // another card's signature under this card's number
        var other = card("Other-Pass");
        SignIns.Session browser = signIns.anonymous();
        String challenge = challenge(browser);
        var forged = post(browser, card.cardNumber(), challenge, other.sign(Base64.getDecoder().decode(challenge)),
                "Right-Pass-3");
        assertThat(reason(forged)).isEqualTo("signin.nhi.BAD_SIGNATURE");
        // a replayed answer: the challenge has been used
        SignIns.Session replay = signIns.anonymous();
        String used = challenge(replay);
        byte[] signature = card.sign(Base64.getDecoder().decode(used));
        assertThat(post(replay, card.cardNumber(), used, signature, "Right-Pass-3").statusCode()).isEqualTo(200);
        SignIns.Session later = signIns.anonymous();
        challenge(later);
        assertThat(reason(post(later, card.cardNumber(), used, signature, "Right-Pass-3")))
                .isEqualTo("signin.nhi.CHALLENGE_UNKNOWN");
        assertThat(reason(attempt(signIns.anonymous(), card, "", card.cardNumber())))
                .isEqualTo("signin.nhi.PASSWORD_REQUIRED");
    }

    private HttpResponse<String> attempt(SignIns.Session browser, TestCards.NhiCard card, String password,
            String cardNumber) {
        String challenge = challenge(browser);
        return post(browser, cardNumber, challenge, card.sign(Base64.getDecoder().decode(challenge)), password);
    }

    private String challenge(SignIns.Session browser) {
        return json.readTree(signIns.call(browser, "POST", "/login/nhi-card/challenge", "{}").body()).get("challenge")
                .asString();
    }

    private HttpResponse<String> post(SignIns.Session browser, String cardNumber, String challenge, byte[] signature,
            String password) {
        return signIns.call(browser, "POST", "/login/nhi-card", json.writeValueAsString(Map.of("cardNumber", cardNumber,
                "challenge", challenge, "signature", Base64.getEncoder().encodeToString(signature),
                "password", password)));
    }

    private String reason(HttpResponse<String> answer) {
        return json.readTree(answer.body()).get("type").asString().replace("urn:problem:", "");
    }
}
