package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** Staff accounts: made and disabled by administrators, signed in with password and authenticator code. */
@IntegrationTest
class StaffAccountsTest {

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @Autowired StaffAccounts accounts;
    @Autowired SignIns signIns;
    @Autowired Api api;
    @Autowired tw.gov.mohw.support.support.Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Value("${local.server.port}") int port;
    private final JsonMapper json = JsonMapper.builder().build();

    private String username() {
        return "staff-" + SERIAL.incrementAndGet();
    }

    /** A holder's national ID that no practitioner has (Q8…: see SignIns). */
    private static String holderId() {
        return tw.gov.mohw.support.registry.NationalId.generate('Q', '8', 5_000_000 + SERIAL.incrementAndGet() % 4_000_000)
                .value();
    }

    private byte[] secret(String username) {
        return jdbc.sql("select totp_secret from staff_account where username = ?").param(username)
                .query(byte[].class).single();
    }

    private HttpResponse<String> passwordSignIn(String username, String password, String code) {
        return signIns.call(signIns.anonymous(), "POST", "/staff/login/password",
                json.writeValueAsString(Map.of("username", username, "password", password, "code", code)));
    }

    @Test
    void aBureauAdministratorCreatesAReviewerWhoSignsInWithPasswordAndCode() {
        String admin = "bureau-admin:63000:" + username();
        String reviewer = username();
        var created = api.post(admin, "/api/v1/staff", Map.of("username", reviewer, "role", "REVIEWER",
                "bureauCode", "63000", "displayName", "審核人員 甲", "nationalId", holderId()));
        assertThat(created.status()).isEqualTo(201);
        String password = created.text("/initialPassword");
        assertThat(password).hasSize(16);
        assertThat(created.text("/otpauthUri")).startsWith("otpauth://totp/").contains("secret=" + created.text(
                "/totpSecret"));
        assertThat(jdbc.sql("select password_hash from staff_account where username = ?").param(reviewer)
                .query(String.class).single()).startsWith("{argon2}").doesNotContain(password);

        // the first sign-in replaces what the administrator saw: a new password and a new authenticator secret
        // someone starts a session of their own (a card challenge is enough) and plants its cookie in this browser
        SignIns.Session browser = signIns.anonymous();
        signIns.call(browser, "POST", "/login/hca/challenge", "{}");
        SignIns.Session planted = new SignIns.Session(browser.cookie(), browser.csrf(), browser.csrfCookie());
        assertThat(planted.cookie()).isNotNull();
        var first = signIns.call(browser, "POST", "/staff/login/password", json.writeValueAsString(Map.of(
                "username", reviewer, "password", password, "code", Totp.code(secret(reviewer), Instant.now()))));
        assertThat(json.readTree(first.body()).get("redirect").asString()).isEqualTo("/staff/first-sign-in");
        // the session id changed as the password was accepted: the planted session sees nothing of what follows
        browser = new SignIns.Session(SignIns.cookie(first).orElseThrow(), planted.csrf(), planted.csrfCookie());
        assertThat(browser.cookie()).isNotEqualTo(planted.cookie());
        var hijack = signIns.call(planted, "GET", "/staff/first-sign-in", null);
        assertThat(hijack.statusCode()).isEqualTo(302);
        assertThat(hijack.headers().firstValue("Location").orElse("")).endsWith("/staff/login");
        assertThat(signIns.call(browser, "GET", "/api/v1/session", null).statusCode()).as("not signed in yet")
                .isEqualTo(401);
        var page = signIns.call(browser, "GET", "/staff/first-sign-in", null);
        byte[] mine = base32(between(page.body(), "<code class=\"secret\">", "</code>"));
        String csrf = between(page.body(), "name=\"_csrf\" value=\"", "\"");
        var weak = form(browser, Map.of("_csrf", csrf, "password", "short", "repeated", "short",
                "code", Totp.code(mine, Instant.now())));
        assertThat(weak.statusCode()).isEqualTo(200);
        assertThat(weak.body()).contains("密碼至少 12 個字元");
        String enrolCode = Totp.code(mine, Instant.now());
        var done = form(browser, Map.of("_csrf", csrf, "password", "My-Own-Password-42", "repeated",
                "My-Own-Password-42", "code", enrolCode));
        assertThat(done.statusCode()).isEqualTo(302);
        SignIns.Session session = signIns.signedIn(done);
        JsonNode me = json.readTree(signIns.call(session, "GET", "/api/v1/session", null).body());
        assertThat(me.get("role").asString()).isEqualTo("REVIEWER");
        assertThat(secret(reviewer)).isEqualTo(mine);

        // the administrator's password no longer works; the holder's own does, with the next code (each works once)
        assertThat(passwordSignIn(reviewer, password, Totp.code(mine, Instant.now().plusSeconds(30))).statusCode())
                .isEqualTo(401);
        // the very code (not "the current one": a 30-second step may have passed meanwhile)
        assertThat(passwordSignIn(reviewer, "My-Own-Password-42", enrolCode).statusCode())
                .as("the code used to enrol").isEqualTo(401);
        assertThat(passwordSignIn(reviewer, "My-Own-Password-42", Totp.code(mine, Instant.now().plusSeconds(30)))
                .statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> form(SignIns.Session browser, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                java.nio.charset.StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/staff/first-sign-in"))
                    .header("Cookie", browser.cookies())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.strip().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    @Test
    void administratorsManageOnlyWhatIsTheirs() {
        String admin = "bureau-admin:63000:" + username();
        assertThat(api.post(admin, "/api/v1/staff", Map.of("username", username(), "role", "REVIEWER",
                "bureauCode", "65000", "displayName", "他縣市", "nationalId", holderId())).status()).isEqualTo(403);
        assertThat(api.post(admin, "/api/v1/staff", Map.of("username", username(), "role", "BUREAU_ADMIN",
                "bureauCode", "63000", "displayName", "管理者", "nationalId", holderId())).status()).isEqualTo(403);
        assertThat(api.post("reviewer:63000:" + username(), "/api/v1/staff", Map.of("username", username(),
                "role", "REVIEWER", "bureauCode", "63000", "displayName", "x", "nationalId", holderId())).status()).isEqualTo(403);
        var bad = api.post(admin, "/api/v1/staff", Map.of("username", "Bad Name!", "role", "REVIEWER",
                "bureauCode", "63000", "displayName", "", "nationalId", holderId()));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw()).contains("staff.username.invalid").contains("staff.displayName.invalid");
        String taken = username();
        assertThat(api.post(admin, "/api/v1/staff", Map.of("username", taken, "role", "REVIEWER", "bureauCode",
                "63000", "displayName", "甲", "nationalId", holderId())).status()).isEqualTo(201);
        assertThat(api.post(admin, "/api/v1/staff", Map.of("username", taken, "role", "REVIEWER", "bureauCode",
                "63000", "displayName", "乙", "nationalId", holderId())).status()).isEqualTo(409);
        var list = api.get(admin, "/api/v1/staff");
        assertThat(list.body().findValuesAsString("bureauCode")).containsOnly("63000");
        assertThat(list.raw()).doesNotContain("password").doesNotContain("totp");
        assertThat(api.post("system-admin:" + username(), "/api/v1/staff", Map.of("username", username(), "role",
                "BUREAU_ADMIN", "bureauCode", "65000", "displayName", "新北管理者", "nationalId", holderId())).status()).isEqualTo(201);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndItsSignIns() {
        String admin = "bureau-admin:64000:" + username();
        String reviewer = username();
        var created = api.post(admin, "/api/v1/staff", Map.of("username", reviewer, "role", "REVIEWER",
                "bureauCode", "64000", "displayName", "審核人員 乙", "nationalId", holderId()));
        // (an account made for tests without the first-sign-in step)
        jdbc.sql("update staff_account set must_change = false where username = ?").param(reviewer).update();
        String password = created.text("/initialPassword");
        SignIns.Session session = signIns.signedIn(passwordSignIn(reviewer, password,
                Totp.code(secret(reviewer), Instant.now())));
        assertThat(signIns.call(session, "GET", "/api/v1/reports?awaitingDecision=true", null).statusCode())
                .isEqualTo(200);
        assertThat(api.post(admin, "/api/v1/staff/" + reviewer + "/disable", null).status()).isEqualTo(204);
        assertThat(signIns.call(session, "GET", "/api/v1/reports?awaitingDecision=true", null).statusCode())
                .isEqualTo(401);
        // the next code (the last one was used)
        var again = passwordSignIn(reviewer, password, Totp.code(secret(reviewer), Instant.now().plusSeconds(30)));
        assertThat(json.readTree(again.body()).get("type").asString()).isEqualTo("urn:problem:signin.staff.DISABLED");
        assertThat(api.post("bureau-admin:65000:" + username(), "/api/v1/staff/" + reviewer + "/disable", null)
                .status()).isEqualTo(403);
        // nobody else learns which accounts exist
        String person = "practitioner:" + fixtures.practitioner(fixtures.institution("64000"));
        assertThat(api.post(person, "/api/v1/staff/" + reviewer + "/disable", null).status()).isEqualTo(403);
        assertThat(api.post(person, "/api/v1/staff/no-such-account/disable", null).status()).isEqualTo(403);
    }

    @Test
    void fiveFailuresLockTheAccountAndNothingSaysWhichPartWasWrong() {
        String username = username();
        accounts.createKnown(new StaffAccounts.NewAccount(username, Actor.Role.REVIEWER, "63000", "甲", null),
                "Right-Password-1", new byte[20]);
        String good = Totp.code(new byte[20], Instant.now());
        var wrongPassword = passwordSignIn(username, "Wrong-Password", good);
        var wrongCode = passwordSignIn(username, "Right-Password-1", good.equals("000000") ? "111111" : "000000");
        var noSuchUser = passwordSignIn(username + "-nobody", "Right-Password-1", good);
        for (var r : java.util.List.of(wrongPassword, wrongCode, noSuchUser)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json.readTree(r.body()).get("type").asString()).isEqualTo("urn:problem:signin.staff.WRONG");
        }
        // two failures so far for this account (the unknown name counts for that name): three more lock it
        passwordSignIn(username, "x", "1");
        passwordSignIn(username, "y", "2");
        passwordSignIn(username, "z", "3");
        var locked = passwordSignIn(username, "Right-Password-1", Totp.code(new byte[20], Instant.now()));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(json.readTree(locked.body()).get("type").asString()).isEqualTo("urn:problem:signin.staff.LOCKED");
    }

    /**
     * Separation of duties is never skipped: a reviewer account without its holder's national ID cannot decide (and
     * is told why), new deciding accounts need one, and once an administrator completes it the holder decides from
     * their next sign-in.
     */
    @Test
    void aReviewerWithoutANationalIdDecidesNothingUntilAnAdministratorCompletesIt() {
        String admin = "bureau-admin:63000:" + username();
        var missing = api.post(admin, "/api/v1/staff", Map.of("username", username(), "role", "REVIEWER",
                "bureauCode", "63000", "displayName", "沒有身分證號"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text("/errors/0/field")).isEqualTo("nationalId");
        assertThat(missing.text("/errors/0/code")).isEqualTo("staff.nationalId.required");
        // a national viewer decides nothing anyway: none needed
        assertThat(api.post("system-admin:" + username(), "/api/v1/staff", Map.of("username", username(), "role",
                "NATIONAL_VIEWER", "displayName", "衛福部")).status()).isEqualTo(201);

        // an account from before IDs were required
        String reviewer = username();
        accounts.createKnown(new StaffAccounts.NewAccount(reviewer, Actor.Role.REVIEWER, "63000", "舊帳號", null),
                "Right-Password-1", new byte[20]);
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(10);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("65000"), start.toString(), start.plusDays(20).toString(), "FRIDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "sod-" + person)).body().get("id").asLong();
        SignIns.Session session = signIns.signedIn(passwordSignIn(reviewer, "Right-Password-1",
                Totp.code(new byte[20], Instant.now())));
        var report = json.readTree(signIns.call(session, "GET", "/api/v1/reports/" + id, null).body());
        assertThat(report.get("cannotDecide").asString()).isEqualTo("report.decide.no.national.id");
        assertThat(report.get("actions").toString()).doesNotContain("DECIDE");
        var refused = signIns.call(session, "POST", "/api/v1/reports/" + id + "/decisions",
                "{\"decision\":\"APPROVE\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("report.decide.no.national.id");
        // the report's page says why, and offers no decision
        String page = signIns.call(session, "GET", "/reports/" + id, null).body();
        assertThat(page).contains("尚未登錄身分證號").contains("帳號管理").doesNotContain("退回補正或駁回的理由");

        // another bureau's administrator may not complete it; the reviewer's own administrator may, once
        assertThat(api.post("bureau-admin:65000:" + username(), "/api/v1/staff/" + reviewer + "/national-id",
                Map.of("nationalId", holderId())).status()).isEqualTo(403);
        assertThat(api.post(admin, "/api/v1/staff/" + reviewer + "/national-id", Map.of("nationalId", "A12345678"))
                .status()).isEqualTo(422);
        assertThat(api.post(admin, "/api/v1/staff/" + reviewer + "/national-id", Map.of("nationalId", holderId()))
                .status()).isEqualTo(204);
        assertThat(api.post(admin, "/api/v1/staff/" + reviewer + "/national-id", Map.of("nationalId", holderId()))
                .text("/errors/0/code")).isEqualTo("staff.nationalId.set");
        // its sessions ended: the next sign-in carries the ID, and it decides
        assertThat(signIns.call(session, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        SignIns.Session again = signIns.signedIn(passwordSignIn(reviewer, "Right-Password-1",
                Totp.code(new byte[20], Instant.now().plusSeconds(30))));
        var approved = signIns.call(again, "POST", "/api/v1/reports/" + id + "/decisions",
                "{\"decision\":\"APPROVE\"}");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(approved.body()).get("status").asString()).isEqualTo("APPROVED");
        assertThat(signIns.call(again, "GET", "/reports/" + id, null).body()).doesNotContain("尚未登錄身分證號");
    }

    /** ASVS 6.2.4: common and easily guessed passwords are refused, with a reason; a strong one of the holder's own is taken. */
    @Test
    void commonPasswordsAreRefusedAndAChangeEndsTheOtherSessions() {
        String reviewer = username();
        accounts.createKnown(new StaffAccounts.NewAccount(reviewer, Actor.Role.REVIEWER, "63000", "甲", holderId()),
                "Start-Password-Known-1", new byte[20]);
        SignIns.Session laptop = signIns.signedIn(passwordSignIn(reviewer, "Start-Password-Known-1",
                Totp.code(new byte[20], Instant.now())));
        SignIns.Session phone = signIns.signedIn(passwordSignIn(reviewer, "Start-Password-Known-1",
                Totp.code(new byte[20], Instant.now().plusSeconds(30))));
        Actor holder = accounts.find(reviewer).map(StaffAccounts::actor).orElseThrow();
        for (String common : new String[] {"password1234", "Password12345", "qwertyuiop123", "1234567890123"}) {
            assertThat(accounts.changePassword(holder, "Start-Password-Known-1", common, common, "x"))
                    .as(common).extracting(tw.gov.mohw.support.shared.Violation::messageKey)
                    .containsExactly("staff.password.guessable");
        }
        assertThat(accounts.changePassword(holder, "wrong", "Quiet-Harbour-Lantern-72", "Quiet-Harbour-Lantern-72",
                "x")).extracting(tw.gov.mohw.support.shared.Violation::messageKey)
                .containsExactly("staff.password.current.wrong");
        // through the page, from the laptop: the phone's session ends, the laptop's stays
        var form = java.net.http.HttpRequest.newBuilder(java.net.URI.create(signIns.baseUrl() + "/account/password"))
                .header("Cookie", laptop.cookies()).header("Content-Type",
                        "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + laptop.csrf()
                        + "&current=Start-Password-Known-1&password=Quiet-Harbour-Lantern-72"
                        + "&repeated=Quiet-Harbour-Lantern-72")).build();
        try {
            var answer = java.net.http.HttpClient.newHttpClient().send(form,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(302);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(signIns.call(phone, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(signIns.call(laptop, "GET", "/api/v1/session", null).statusCode()).isEqualTo(200);
        // the new password is the one stored (a sign-in would need the next authenticator step, 30 s away)
        var encoder = org.springframework.security.crypto.factory.PasswordEncoderFactories
                .createDelegatingPasswordEncoder();
        String hash = jdbc.sql("select password_hash from staff_account where username = ?").param(reviewer)
                .query(String.class).single();
        assertThat(encoder.matches("Quiet-Harbour-Lantern-72", hash)).isTrue();
        assertThat(encoder.matches("Start-Password-Known-1", hash)).isFalse();

        // a long passphrase in Chinese (87 bytes, past bcrypt's 72) is taken whole: no cut, nothing thrown
        String passphrase = "我們在花蓮的山上看見很多星星還有一隻很大的貓頭鷹在夜裡飛過";
        assertThat(passphrase.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(72);
        assertThat(accounts.changePassword(holder, "Quiet-Harbour-Lantern-72", passphrase, passphrase, "x")).isEmpty();
        String longHash = jdbc.sql("select password_hash from staff_account where username = ?").param(reviewer)
                .query(String.class).single();
        assertThat(encoder.matches(passphrase, longHash)).isTrue();
        assertThat(encoder.matches(passphrase.substring(0, 24), longHash)).as("a cut-off version is not it").isFalse();
    }

    /** An account whose password was hashed with bcrypt (before Argon2id) signs in and is moved to Argon2id. */
    @Test
    void aBcryptHashStillSignsInAndIsReplaced() {
        String reviewer = username();
        accounts.createKnown(new StaffAccounts.NewAccount(reviewer, Actor.Role.REVIEWER, "63000", "乙", holderId()),
                "Old-Hash-Password-9", new byte[20]);
        jdbc.sql("update staff_account set password_hash = ? where username = ?").params("{bcrypt}"
                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("Old-Hash-Password-9"),
                reviewer).update();
        var answer = passwordSignIn(reviewer, "Old-Hash-Password-9", Totp.code(new byte[20], Instant.now()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(jdbc.sql("select password_hash from staff_account where username = ?").param(reviewer)
                .query(String.class).single()).startsWith("{argon2}");
    }

    /** An administrator's reset: new credentials shown once, sessions ended, a new enrolment at the next sign-in. */
    @Test
    void aResetForcesANewPasswordAndAuthenticatorAndEndsTheSessions() {
        String reviewer = username();
        accounts.createKnown(new StaffAccounts.NewAccount(reviewer, Actor.Role.REVIEWER, "63000", "乙", holderId()),
                "Old-Password-Known-22", new byte[20]);
        SignIns.Session session = signIns.signedIn(passwordSignIn(reviewer, "Old-Password-Known-22",
                Totp.code(new byte[20], Instant.now())));
        assertThat(api.post("bureau-admin:65000:" + username(), "/api/v1/staff/" + reviewer + "/reset", null).status())
                .isEqualTo(403);
        var reset = api.post("bureau-admin:63000:" + username(), "/api/v1/staff/" + reviewer + "/reset", null);
        assertThat(reset.status()).isEqualTo(200);
        String password = reset.text("/initialPassword");
        assertThat(password).hasSize(16);
        assertThat(signIns.call(session, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(passwordSignIn(reviewer, "Old-Password-Known-22", Totp.code(new byte[20], Instant.now()))
                .statusCode()).isEqualTo(401);
        var next = passwordSignIn(reviewer, password, Totp.code(secret(reviewer), Instant.now()));
        assertThat(json.readTree(next.body()).get("redirect").asString()).isEqualTo("/staff/first-sign-in");
    }
}
