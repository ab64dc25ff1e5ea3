package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;
import tw.gov.mohw.support.testenv.SimulatedSmsGateway;
import tw.gov.mohw.support.testenv.TestCards;

/**
 * 健保卡登入(無插卡) end to end over HTTP: the SMS code from the simulated provider's outbox, the encrypted hand-off
 * to the simulated NHI site, the card number there, and the signed answer back.
 */
@IntegrationTest
class NoCardSignInTest {

    private static final Pattern CODE = Pattern.compile("驗證碼為 (\\d{6})");
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired TestCards cards;
    @Autowired Registry registry;
    @Autowired SimulatedSmsGateway sms;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().build();

    record Person(String id, String mobile, TestCards.NhiCard card) {
    }

    private Person person() {
        String id = fixtures.practitioner(fixtures.institution("66000"));
        String mobile = fixtures.ownMobile(id);
        return new Person(id, mobile, cards.addNhi(registry.practitioner(NationalId.parse(id)).orElseThrow(), "x"));
    }

    @Test
    void smsCodeThenNhiSiteSignsThePersonIn() {
        Person p = person();
        SignIns.Session browser = signIns.anonymous();
        var sent = requestCode(browser, p);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(json.readTree(sent.body()).get("seconds").asInt()).isEqualTo(60);
        var verified = signIns.call(browser, "POST", "/login/sms/verify", body("code", code(p)));
        assertThat(verified.statusCode()).isEqualTo(200);
        JsonNode next = json.readTree(verified.body());
        assertThat(next.get("progress").asInt()).isEqualTo(60);
        String redirect = next.get("redirect").asString();
        assertThat(redirect).startsWith("/nhi-simulator/verify?request=");
        assertThat(redirect.split("request=")[1].split("\\.")).as("a compact JWE has five parts").hasSize(5);
        assertThat(redirect).doesNotContain(p.id());

        var back = nhiSite(browser, redirect, p.card().cardNumber(), false);
        assertThat(back.statusCode()).isEqualTo(302);
        String returnTo = back.headers().firstValue("Location").orElseThrow();
        assertThat(returnTo).contains("/login/nhi/return?result=");
        var signedIn = get(browser, returnTo);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(URI.create(signedIn.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
        SignIns.Session session = signIns.signedIn(signedIn);
        assertThat(json.readTree(signIns.call(session, "GET", "/api/v1/session", null).body()).get("account")
                .asString()).isEqualTo("practitioner:" + p.id());

        // the same answer again: the attempt is over
        var replay = get(signIns.anonymous(), returnTo);
        assertThat(replay.headers().firstValue("Location").orElseThrow()).endsWith("error=NO_ATTEMPT#nocard");
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheIdAndMobileBelongToSomeone() {
        Person p = person();
        var known = requestCode(signIns.anonymous(), p);
        var unknown = requestCode(signIns.anonymous(), new Person(NationalId.generate('Q', '1', 9_876_543).value(),
                "0987654321", null));
        var mismatch = requestCode(signIns.anonymous(), new Person(p.id(), "0911000111", null));
        for (var other : java.util.List.of(unknown, mismatch)) {
            assertThat(other.statusCode()).isEqualTo(known.statusCode());
            assertThat(json.readTree(other.body()).propertyNames()).containsExactlyInAnyOrderElementsOf(
                    json.readTree(known.body()).propertyNames());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sms.latestTo(p.mobile()).isPresent());
        assertThat(sms.latestTo("0987654321")).isEmpty();
        assertThat(sms.latestTo("0911000111")).isEmpty();
    }

    @Test
    void wrongExpiredAndReusedCodesAndEarlyResendsAreRefused() {
        Person p = person();
        SignIns.Session browser = signIns.anonymous();
        requestCode(browser, p);
        String code = code(p);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            var r = signIns.call(browser, "POST", "/login/sms/verify", body("code", wrong));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json.readTree(r.body()).get("detail").asString()).isEqualTo("驗證碼錯誤，尚可再試 " + left + " 次。");
        }
        var fifth = signIns.call(browser, "POST", "/login/sms/verify", body("code", wrong));
        assertThat(reason(fifth)).isEqualTo("signin.sms.code.LOCKED");
        assertThat(reason(signIns.call(browser, "POST", "/login/sms/verify", body("code", code))))
                .as("even the right code, after five wrong ones").isEqualTo("signin.sms.code.LOCKED");
        assertThat(reason(requestCode(browser, p))).as("a new code only after the countdown")
                .isEqualTo("signin.sms.TOO_EARLY");

        // the countdown is the person's, whatever the browser: another browser waits too
        SignIns.Session elsewhere = signIns.anonymous();
        assertThat(reason(requestCode(elsewhere, p))).isEqualTo("signin.sms.TOO_EARLY");

        Person e = person();
        SignIns.Session expired = signIns.anonymous();
        requestCode(expired, e);
        jdbc.sql("update sms_code set expires_at = now() - interval '1 second' where national_id = ? and used_at is null")
                .param(e.id()).update();
        assertThat(reason(signIns.call(expired, "POST", "/login/sms/verify", body("code", code(e)))))
                .isEqualTo("signin.sms.code.EXPIRED");

        SignIns.Session reused = signIns.anonymous();
        Person q = person();
        requestCode(reused, q);
        String once = code(q);
        assertThat(signIns.call(reused, "POST", "/login/sms/verify", body("code", once)).statusCode()).isEqualTo(200);
        assertThat(reason(signIns.call(reused, "POST", "/login/sms/verify", body("code", once))))
                .isEqualTo("signin.sms.code.USED");
        assertThat(reason(signIns.call(signIns.anonymous(), "POST", "/login/sms/verify", body("code", once))))
                .as("another browser").isEqualTo("signin.sms.code.NO_CODE");
    }

    @Test
    void aTamperedOrCancelledAnswerSignsNobodyIn() {
        Person p = person();
        SignIns.Session browser = signIns.anonymous();
        requestCode(browser, p);
        String redirect = json.readTree(signIns.call(browser, "POST", "/login/sms/verify", body("code", code(p)))
                .body()).get("redirect").asString();
        // the wrong card number: the NHI site asks again
        var wrongCard = nhiSite(browser, redirect, "000000000000", false);
        assertThat(wrongCard.statusCode()).isEqualTo(200);
        assertThat(wrongCard.body()).contains("健保卡卡號與身分證號不符");
        String returnTo = nhiSite(browser, redirect, p.card().cardNumber(), false).headers().firstValue("Location")
                .orElseThrow();
        String answer = returnTo.substring(returnTo.indexOf("result=") + 7);
        String[] parts = answer.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        var refused = get(browser, returnTo.replace(answer, tampered));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).matches(
                ".*error=(BAD_SIGNATURE|MALFORMED)#nocard");
        assertThat(SignIns.cookie(refused)).isEmpty();
        // the nonce is spent by the refusal: even the genuine answer no longer works
        assertThat(get(browser, returnTo).headers().firstValue("Location").orElseThrow())
                .endsWith("error=NO_ATTEMPT#nocard");

        SignIns.Session cancelling = signIns.anonymous();
        Person q = person();
        requestCode(cancelling, q);
        String r2 = json.readTree(signIns.call(cancelling, "POST", "/login/sms/verify", body("code", code(q)))
                .body()).get("redirect").asString();
        var cancelled = get(cancelling, nhiSite(cancelling, r2, null, true).headers().firstValue("Location")
                .orElseThrow());
        assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("error=NOT_VERIFIED#nocard");
        assertThat(jdbc.sql("""
                select count(*) from security_event where method = 'NHI_NO_CARD' and outcome = 'FAILURE'
                 and reason = 'ANSWER_NOT_VERIFIED'""").query(Long.class).single()).isPositive();
    }

    @Test
    void aRequestTheNhiSiteCannotReadIsRefusedThere() {
        var r = get(signIns.anonymous(), "/nhi-simulator/verify?request=not.a.jwe.at.all");
        assertThat(r.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> requestCode(SignIns.Session browser, Person p) {
        return signIns.call(browser, "POST", "/login/sms", json.writeValueAsString(Map.of("nationalId", p.id(),
                "mobile", p.mobile())));
    }

    private String code(Person p) {
        await().atMost(Duration.ofSeconds(5)).until(() -> sms.latestTo(p.mobile())
                .filter(m -> !m.text().equals(lastSeen.get(p.mobile()))).isPresent());
        String text = sms.latestTo(p.mobile()).orElseThrow().text();
        lastSeen.put(p.mobile(), text);
        Matcher m = CODE.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private final Map<String, String> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();

    private String body(String key, String value) {
        return json.writeValueAsString(Map.of(key, value));
    }

    private String reason(HttpResponse<String> answer) {
        return json.readTree(answer.body()).get("type").asString().replace("urn:problem:", "");
    }

    /** The NHI site: its form, then the card number (or "cancel"). */
    private HttpResponse<String> nhiSite(SignIns.Session browser, String redirect, String cardNumber, boolean cancel) {
        var form = get(browser, redirect);
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = FORM_CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String request = redirect.substring(redirect.indexOf("request=") + 8);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("request", request);
        fields.put("_csrf", csrf.group(1));
        if (cancel) {
            fields.put("cancel", "1");
        } else {
            fields.put("cardNumber", cardNumber);
        }
        String encoded = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri("/nhi-simulator/verify")).header("Cookie", browser.cookies())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    private HttpResponse<String> get(SignIns.Session browser, String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Cookie", browser.cookies()).GET());
    }

    private URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl)
                : URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
