package tw.gov.mohw.support.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.Application;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * The machine channel end to end: a clerk registers a client (its secret shown once, stored hashed), the client
 * gets a token at {@code /oauth2/token} and files and reads for its institution over {@code /api/v1}; what it may
 * not do is refused — a scope it lacks, another institution's staff, after revocation, an expired or foreign token,
 * beyond its rate — and a token issued before a node started is accepted by it.
 */
@IntegrationTest
class ApiClientTest {

    private static final Pattern CODE = Pattern.compile("<code>([^<]+)</code>");

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired JwtEncoder encoder;
    @Autowired SigningKeys keys;
    @Autowired Api api;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private record Registered(String clientId, String secret) {
    }

    /** Registers a client on the clerk's page, as the clerk does; the page shows its id and secret. */
    private Registered register(String institution, String name, List<String> scopes, int perMinute)
            throws Exception {
        var page = form(institution, "/api-clients", "name=" + enc(name) + "&perMinute=" + perMinute
                + scopes.stream().map(s -> "&scopes=" + s).reduce("", String::concat));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        Matcher codes = CODE.matcher(page.body());
        assertThat(codes.find()).isTrue();
        String clientId = codes.group(1);
        assertThat(codes.find()).isTrue();
        return new Registered(clientId, codes.group(1));
    }

    private HttpResponse<String> form(String institution, String path, String body) throws Exception {
        var session = signIns.session("institution:" + institution);
        return http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session.cookies())
                .POST(HttpRequest.BodyPublishers.ofString(body + "&_csrf=" + enc(session.csrf()))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String base, Registered client, String scope) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":"
                        + client.secret()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc(scope)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(Registered client, String scope) throws Exception {
        var answer = token(signIns.baseUrl(), client, scope);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isBetween(590, 600);
        return body.get("access_token").asString();
    }

    private HttpResponse<String> call(String base, String token, String method, String path, String body)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").header("Idempotency-Key", "client-" + System.nanoTime());
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String report(String person, String site) {
        var start = fixtures.today().plusDays(40);
        return json.writeValueAsString(Api.report(person, site, start.toString(), start.plusMonths(1).toString(),
                "WEDNESDAY", "09:00", "12:00"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aClientFilesAndReadsForItsInstitutionWithATokenFromTheTokenEndpoint() throws Exception {
        String home = fixtures.institution("63000");
        String staff = fixtures.practitioner(home);
        Registered client = register(home, "人事系統", List.of("reports.read", "reports.file"), 120);

        // stored only as a hash; the list page never shows the secret again
        String stored = jdbc.sql("select secret_hash from api_client where client_id = ?").param(client.clientId())
                .query(String.class).single();
        assertThat(stored).startsWith("{sha256}").doesNotContain(client.secret());
        assertThat(signIns.call(signIns.session("institution:" + home), "GET", "/api-clients", null).body())
                .contains(client.clientId(), "人事系統").doesNotContain(client.secret());

        String token = accessToken(client, "reports.read reports.file");
        // a JWT signed with a key the key set publishes
        String kid = json.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))))
                .get("kid").asString();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/oauth2/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains(kid).doesNotContain("\"d\"");

        var filed = call(signIns.baseUrl(), token, "POST", "/api/v1/submissions",
                report(staff, fixtures.institution("65000")));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = json.readTree(filed.body()).get("id").asLong();
        assertThat(jdbc.sql("select filed_by from support_report where id = ?").param(id).query(String.class)
                .single()).isEqualTo("api-client:" + client.clientId());
        assertThat(call(signIns.baseUrl(), token, "GET", "/api/v1/reports/" + id, null).statusCode()).isEqualTo(200);
        assertThat(call(signIns.baseUrl(), token, "GET", "/api/v1/reports", null).body()).contains("\"id\":" + id);
        assertThat(jdbc.sql("select last_used_at is not null from api_client where client_id = ?")
                .param(client.clientId()).query(Boolean.class).single()).isTrue();

        // another institution's staff: refused as for the institution's clerk, learning nothing
        var other = call(signIns.baseUrl(), token, "POST", "/api/v1/submissions",
                report(fixtures.practitioner(fixtures.institution("63000")), fixtures.institution("65000")));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("report.file.only.staff");
        // another institution's report is not there for it
        String otherHome = fixtures.institution("66000");
        String otherToken = accessToken(register(otherHome, "他院", List.of("reports.read", "reports.file"), 120),
                "reports.file");
        long foreign = json.readTree(call(signIns.baseUrl(), otherToken, "POST", "/api/v1/submissions",
                report(fixtures.practitioner(otherHome), fixtures.institution("65000"))).body()).get("id").asLong();
        assertThat(call(signIns.baseUrl(), token, "GET", "/api/v1/reports/" + foreign, null).statusCode())
                .isEqualTo(404);
        // a bearer request needs no CSRF token and makes no session
        assertThat(filed.headers().allValues("Set-Cookie")).isEmpty();
        var session = call(signIns.baseUrl(), token, "GET", "/api/v1/session", null);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("api-client:" + client.clientId()).doesNotContain("csrfToken");
        // the institution hears of the decision as when its clerk files
        jdbc.sql("insert into notification_contact (account, mobile, email, updated_at) values (?, null, ?, now())")
                .params("institution:" + home, "hr-" + home + "@example.tw").update();
        assertThat(api.post("reviewer:63000:client-reviewer", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE")).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "select count(*) from notification where report_id = ? and recipient = ?")
                .params(id, "institution:" + home).query(Integer.class).single() > 0);
        // tokens are not kept, so not revoked one by one: the endpoints say so
        var revoke = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/oauth2/revoke"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":"
                        + client.secret()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.statusCode()).isEqualTo(400);
        assertThat(revoke.body()).contains("unsupported_token_type");
        // and the secret, checked as stored, is never re-hashed by the token endpoint
        assertThat(jdbc.sql("select secret_hash from api_client where client_id = ?").param(client.clientId())
                .query(String.class).single()).isEqualTo(stored);
    }

    @Test
    void aScopeTheClientLacksIsRefused() throws Exception {
        String home = fixtures.institution("63000");
        Registered reader = register(home, "查詢系統", List.of("reports.read"), 120);
        assertThat(token(signIns.baseUrl(), reader, "reports.file").statusCode()).isEqualTo(400);
        String token = accessToken(reader, "reports.read");
        var refused = call(signIns.baseUrl(), token, "POST", "/api/v1/submissions",
                report(fixtures.practitioner(home), fixtures.institution("65000")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
        assertThat(refused.body()).contains("\"status\":403");
        assertThat(call(signIns.baseUrl(), token, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedClientGetsNoTokenAndTheTokensItHasStop() throws Exception {
        String home = fixtures.institution("63000");
        Registered client = register(home, "舊系統", List.of("reports.read"), 120);
        String token = accessToken(client, "reports.read");
        assertThat(call(signIns.baseUrl(), token, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
        long id = jdbc.sql("select id from api_client where client_id = ?").param(client.clientId())
                .query(Long.class).single();
        // another institution's clerk cannot revoke it
        assertThat(form(fixtures.institution("63000"), "/api-clients/" + id + "/revoke", "").statusCode())
                .isEqualTo(404);
        assertThat(form(home, "/api-clients/" + id + "/revoke", "").statusCode()).isEqualTo(302);
        var after = call(signIns.baseUrl(), token, "GET", "/api/v1/reports", null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(token(signIns.baseUrl(), client, "reports.read").statusCode()).isEqualTo(401);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnce() throws Exception {
        String home = fixtures.institution("63000");
        Registered client = register(home, "輪替", List.of("reports.read"), 120);
        long id = jdbc.sql("select id from api_client where client_id = ?").param(client.clientId())
                .query(Long.class).single();
        var page = form(home, "/api-clients/" + id + "/rotate", "");
        Matcher codes = CODE.matcher(page.body());
        codes.find();
        codes.find();
        Registered rotated = new Registered(client.clientId(), codes.group(1));
        assertThat(rotated.secret()).isNotEqualTo(client.secret());
        assertThat(token(signIns.baseUrl(), client, "reports.read").statusCode()).isEqualTo(401);
        assertThat(token(signIns.baseUrl(), rotated, "reports.read").statusCode()).isEqualTo(200);
        // the refused secret is in the security log, as a person's failed sign-in is
        assertThat(jdbc.sql("""
                select count(*) from security_event where kind = 'SIGN_IN' and method = 'API_CLIENT'
                   and outcome = 'FAILURE' and subject = ? and reason = 'invalid_client'""")
                .param(client.clientId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenAndATokenSignedByAnyoneElseAreRefused() throws Exception {
        Registered client = register(fixtures.institution("63000"), "過期", List.of("reports.read"), 120);
        Instant now = Instant.now();
        String expired = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                JwtClaimsSet.builder().subject(client.clientId()).issuedAt(now.minusSeconds(1200))
                        .expiresAt(now.minusSeconds(600)).claim("scope", List.of("reports.read")).build()))
                .getTokenValue();
        assertThat(call(signIns.baseUrl(), expired, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(401);
        // the same claims, valid in time, signed by a key of its own
        var foreignKey = new RSAKeyGenerator(2048).keyID(keys.signing().getKeyID()).generate();
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreignKey.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(client.clientId()).issueTime(new Date())
                        .expirationTime(Date.from(now.plusSeconds(300))).claim("scope", List.of("reports.read"))
                        .build());
        forged.sign(new RSASSASigner(foreignKey));
        assertThat(call(signIns.baseUrl(), forged.serialize(), "GET", "/api/v1/reports", null).statusCode())
                .isEqualTo(401);
        assertThat(call(signIns.baseUrl(), "not-a-token", "GET", "/api/v1/reports", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aClientBeyondItsRateIsToldToWait() throws Exception {
        Registered client = register(fixtures.institution("63000"), "限速", List.of("reports.read"), 3);
        String token = accessToken(client, "reports.read");
        if (LocalTime.now().getSecond() > 50) { // all four in one minute
            Thread.sleep((61 - LocalTime.now().getSecond()) * 1000L);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(call(signIns.baseUrl(), token, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
        }
        var over = call(signIns.baseUrl(), token, "GET", "/api/v1/reports", null);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(over.body()).contains("\"status\":429");
    }

    /** Another node, started after the token was issued: it reads the signing keys from the database too. */
    @Test
    void aTokenIssuedBeforeANodeStartedIsAcceptedThere() throws Exception {
        Registered client = register(fixtures.institution("63000"), "跨節點", List.of("reports.read"), 120);
        String token = accessToken(client, "reports.read");
        try (var second = new SpringApplicationBuilder(Application.class).profiles("test")
                .run("--server.port=0", "--support.test-environment.agent=false")) {
            String base = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
            assertThat(call(base, token, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
            // and a token it issues is accepted here
            String theirs = json.readTree(token(base, client, "reports.read").body()).get("access_token").asString();
            assertThat(call(signIns.baseUrl(), theirs, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSigningKeysArePrivateAtRestAndRotateWithoutRejectingEarlierTokens() throws Exception {
        Registered client = register(fixtures.institution("63000"), "金鑰", List.of("reports.read"), 120);
        String before = accessToken(client, "reports.read");
        var row = jdbc.sql("select kid, private_key from token_signing_key order by created_at desc limit 1")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBytes(2))).single();
        // not the PKCS#8 key itself (which starts with a DER SEQUENCE and the RSA algorithm's OID)
        assertThat(new String(row.getValue(), StandardCharsets.ISO_8859_1)).doesNotContain("*\u0086H\u0086÷");
        assertThat(keys.signing().toPrivateKey().getEncoded()).isNotEqualTo(row.getValue());

        keys.rotateNow();
        String after = accessToken(client, "reports.read");
        String kidBefore = json.readTree(Base64.getUrlDecoder().decode(before.substring(0, before.indexOf('.'))))
                .get("kid").asString();
        String kidAfter = json.readTree(Base64.getUrlDecoder().decode(after.substring(0, after.indexOf('.'))))
                .get("kid").asString();
        assertThat(kidAfter).isNotEqualTo(kidBefore);
        assertThat(call(signIns.baseUrl(), before, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
        assertThat(call(signIns.baseUrl(), after, "GET", "/api/v1/reports", null).statusCode()).isEqualTo(200);
    }

    /** Registers a client as a system administrator: the insurer's. */
    private Registered registerInsurer(String name, String scopes) throws Exception {
        var session = signIns.session("system-admin:insurer-ops");
        var page = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/api-clients"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session.cookies())
                .POST(HttpRequest.BodyPublishers.ofString("name=" + enc(name) + "&perMinute=600&scopes=" + scopes
                        + "&_csrf=" + enc(session.csrf()))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher codes = CODE.matcher(page.body());
        if (!codes.find()) {
            return null;
        }
        String clientId = codes.group(1);
        codes.find();
        return new Registered(clientId, codes.group(1));
    }

    /**
     * 健保署: a client system administrators make, which reads approved support nationwide through FHIR and nothing
     * else: not the JSON API, not what waits for a decision, not a filing.
     */
    @Test
    void theInsurerReadsApprovedSupportNationwideAndNothingElse() throws Exception {
        assertThat(registerInsurer("健保署 申報系統", "reports.file")).as("the insurer only reads").isNull();
        Registered insurer = registerInsurer("健保署 申報系統", "reports.read");
        assertThat(jdbc.sql("select kind, institution_code from api_client where client_id = ?")
                .param(insurer.clientId()).query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).single())
                .isEqualTo("INSURER/null");
        String home = fixtures.institution("10002");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(40);
        long approved = api.post("institution:" + home, "/api/v1/submissions", Api.report(person,
                fixtures.institution("10015"), start.toString(), start.plusMonths(1).toString(), "WEDNESDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "insurer-" + person)).body().get("id").asLong();
        assertThat(api.post("reviewer:10002:insurer-test", "/api/v1/reports/" + approved + "/decisions",
                Map.of("decision", "APPROVE")).status()).isEqualTo(200);
        String waitingHome = fixtures.institution("63000");
        String waitingPerson = fixtures.practitioner(waitingHome);
        long waiting = api.post("institution:" + waitingHome, "/api/v1/submissions", Api.report(waitingPerson,
                fixtures.institution("65000"), start.toString(), start.plusMonths(1).toString(), "WEDNESDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "insurer-" + waitingPerson)).body().get("id").asLong();

        String token = accessToken(insurer, "reports.read");
        // FHIR only: the JSON API would also show what waits for a decision, histories and their reasons
        for (String path : List.of("/api/v1/reports/" + approved, "/api/v1/reports", "/api/v1/reports/" + approved
                + "/national-id", "/api/v1/session")) {
            assertThat(call(signIns.baseUrl(), token, "GET", path, null).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(call(signIns.baseUrl(), token, "POST", "/api/v1/submissions", report(person,
                fixtures.institution("10015"))).statusCode()).isEqualTo(403);
        assertThat(call(signIns.baseUrl(), token, "GET", "/fhir/r4/PractitionerRole/" + approved, null).statusCode())
                .isEqualTo(200);
        assertThat(call(signIns.baseUrl(), token, "GET", "/fhir/r4/PractitionerRole/" + waiting, null).statusCode())
                .isEqualTo(404);

        // FHIR, by the person's national ID (what a claim carries)
        var fhir = call(signIns.baseUrl(), token, "GET", "/fhir/r4/PractitionerRole?practitioner.identifier="
                + enc("http://www.moi.gov.tw|" + person), null);
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        assertThat(json.readTree(fhir.body()).get("total").asInt()).isEqualTo(1);
        // a bad token at FHIR is told as FHIR tells it
        var refused = call(signIns.baseUrl(), "not-a-token", "GET", "/fhir/r4/PractitionerRole", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"resourceType\":\"OperationOutcome\"");

        // an institution's clerk neither sees nor touches the insurer's clients
        String clerk = fixtures.institution("63000");
        assertThat(signIns.call(signIns.session("institution:" + clerk), "GET", "/api-clients", null).body())
                .doesNotContain(insurer.clientId());
        long id = jdbc.sql("select id from api_client where client_id = ?").param(insurer.clientId())
                .query(Long.class).single();
        assertThat(form(clerk, "/api-clients/" + id + "/revoke", "").statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentNamesBothWaysIn() throws Exception {
        JsonNode doc = json.readTree(http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/v3/api-docs"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode schemes = doc.get("components").get("securitySchemes");
        assertThat(schemes.get("session").get("in").asString()).isEqualTo("cookie");
        JsonNode flow = schemes.get("apiClient").get("flows").get("clientCredentials");
        assertThat(flow.get("tokenUrl").asString()).isEqualTo("/oauth2/token");
        assertThat(flow.get("scopes").propertyNames()).containsExactlyInAnyOrder("reports.read", "reports.file");
        assertThat(doc.get("security").toString()).contains("session", "apiClient");
    }

    @Test
    void onlyAClerkManagesClientsAndBadInputChangesNothing() throws Exception {
        String home = fixtures.institution("63000");
        int before = jdbc.sql("select count(*) from api_client").query(Integer.class).single();
        var bad = form(home, "/api-clients", "name=&perMinute=0");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("role=\"alert\"", "請填寫用戶端名稱", "請至少勾選一項權限", "每分鐘請求上限請填");
        assertThat(jdbc.sql("select count(*) from api_client").query(Integer.class).single()).isEqualTo(before);
        var person = signIns.call(signIns.session("practitioner:" + fixtures.practitioner(home)), "GET",
                "/api-clients", null);
        assertThat(person.statusCode()).isEqualTo(403);
    }
}
