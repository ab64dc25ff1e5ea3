package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.testenv.TestHca;

/**
 * Production, started for real: the packaged jar, the production profile and nothing else, every setting from
 * {@code deploy/production.env.example} given a working value — a PostgreSQL it migrates from empty, the HCA's
 * certificates and CRL (here the test HCA's, as files), the NHI site's keys, an SMTP server on loopback. It must
 * reach readiness, log ECS JSON with no national ID in it, sign a person in with their healthcare card and take
 * their filing. (Run by failsafe after {@code package}: {@code mvn verify}.)
 */
class ProductionStartIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theJarStartsInProductionAndServesAFiling(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("support.jar", "target/support-report.jar"));
        assertThat(jar).as("the packaged application (mvn package)").exists();
        TestHca hca = TestHca.create(Clock.systemUTC());
        Files.writeString(dir.resolve("root.pem"), pem(hca.root()));
        Files.writeString(dir.resolve("issuing.pem"), pem(hca.issuingCa()));
        Files.write(dir.resolve("hca.crl"), hca.crl().getEncoded());
        String key = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                TestHca.rsaKeys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("nhi.pem"), key);
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        Process app = null;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> env = example();
            env.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("SPRING_DATASOURCE_USERNAME", "postgres");
            env.put("SPRING_DATASOURCE_PASSWORD", "");
            env.put("SUPPORT_PUBLICURL", "https://support.example.gov.tw");
            env.put("SUPPORT_HCA_ROOTS", dir.resolve("root.pem").toUri().toString());
            env.put("SUPPORT_HCA_ISSUINGCAS", dir.resolve("issuing.pem").toUri().toString());
            env.put("SUPPORT_HCA_CRLS", dir.resolve("hca.crl").toUri().toString());
            env.put("SUPPORT_NHI_SITEENCRYPTIONKEY", dir.resolve("nhi.pem").toUri().toString());
            env.put("SUPPORT_NHI_SITESIGNINGKEY", dir.resolve("nhi.pem").toUri().toString());
            // no SMS provider here (an https one on loopback would need a trusted certificate); HttpSmsGatewayTest
            // covers the adapter
            env.put("SUPPORT_SMS_PROVIDER", "none");
            env.put("SUPPORT_APICLIENTS_KEYENCRYPTIONKEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            env.put("SPRING_MAIL_HOST", "127.0.0.1");
            env.put("SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.remove("SPRING_MAIL_USERNAME");
            env.remove("SPRING_MAIL_PASSWORD");
            env.put("SERVER_PORT", Integer.toString(port));
            Path output = dir.resolve("stdout.log");
            var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toAbsolutePath().toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            process.environment().putAll(env);
            app = process.start();

            String base = "http://127.0.0.1:" + port;
            awaitReady(base, app, output);

            // the registers are the ministry's; here one person at a clinic, and the clinic they will support
            JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(postgres.getJdbcUrl("postgres",
                    "postgres"), true));
            String person = NationalId.generate('Q', '1', 4_242_424).value();
            db.sql("""
                    insert into institution (code, name, type, county_code, address, status) values
                    ('9900000001', '正式診所', 'CLINIC', '63000', '測試路1號', 'OPEN'),
                    ('9900000002', '支援診所', 'CLINIC', '63000', '測試路2號', 'OPEN')""").update();
            long pid = db.sql("""
                    insert into practitioner (national_id, name, birth_date, profession_code, certificate_number, mobile)
                    values (?, '正式測試', ?, 'A', '醫字第1號', '0912000111') returning id""")
                    .params(person, LocalDate.of(1980, 1, 1)).query(Long.class).single();
            db.sql("""
                    insert into practice_registration (practitioner_id, institution_code, profession_code, status,
                        valid_from) values (?, '9900000001', 'A', 'PRACTISING', ?)""")
                    .params(pid, LocalDate.now().minusYears(5)).update();

            // the person signs in with their card, as the login page does it
            var login = send(base, "GET", "/login", null, Map.of());
            assertThat(login.statusCode()).isEqualTo(200);
            String csrf = find(login.body(), "name=\"csrf-token\" content=\"([^\"]+)\"");
            String cookies = cookies(login, "");
            var challenge = send(base, "POST", "/login/hca/challenge", "{}", Map.of("Cookie", cookies,
                    "X-CSRF-TOKEN", csrf));
            assertThat(challenge.statusCode()).as(challenge.body()).isEqualTo(200);
            cookies = cookies(challenge, cookies);
            byte[] nonce = Base64.getDecoder().decode(json.readTree(challenge.body()).get("challenge").asString());
            TestHca.SoftCard card = hca.issue(CardType.HPC, person, "正式測試");
            var signedIn = send(base, "POST", "/login/hca", json.writeValueAsString(Map.of("signature",
                    Base64.getEncoder().encodeToString(card.sign(nonce)))), Map.of("Cookie", cookies,
                    "X-CSRF-TOKEN", csrf));
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            String session = cookies(signedIn, "");
            JsonNode me = json.readTree(send(base, "GET", "/api/v1/session", null, Map.of("Cookie", session)).body());
            assertThat(me.get("account").asString()).isEqualTo("practitioner:" + person);

            // and files a report
            LocalDate start = LocalDate.now().plusDays(14);
            var filed = send(base, "POST", "/api/v1/submissions", json.writeValueAsString(Api.report(person,
                    "9900000002", start.toString(), start.plusMonths(1).toString(), "MONDAY", "09:00", "12:00")),
                    Map.of("Cookie", session, "X-CSRF-TOKEN", me.get("csrfToken").asString(),
                            "Idempotency-Key", "production-start-1"));
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
            assertThat(json.readTree(filed.body()).get("status").asString()).isEqualTo("SUBMITTED");

            // its log: ECS JSON lines, and nowhere the person's national ID
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(lines.stream().filter(l -> l.startsWith("{\"@timestamp\"")).count()).isGreaterThan(5);
            assertThat(lines).noneMatch(l -> l.contains(person));
            assertThat(String.join("\n", lines)).contains("Started Application");
        } finally {
            if (app != null) {
                app.destroy();
                app.waitFor();
            }
            smtp.stop();
        }
    }

    /** The example environment file's settings, as a deployment starts from it. */
    private static Map<String, String> example() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("deploy/production.env.example"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && line.contains("=")) {
                // as a shell (the README sources it) or systemd's EnvironmentFile reads it: quotes around a value go
                env.put(line.substring(0, line.indexOf('=')),
                        line.substring(line.indexOf('=') + 1).replaceFirst("^\"(.*)\"$", "$1"));
            }
        }
        return env;
    }

    private void awaitReady(String base, Process app, Path output) throws Exception {
        Instant until = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(until)) {
            if (!app.isAlive()) {
                throw new AssertionError("production did not start:\n" + Files.readString(output));
            }
            try {
                var ready = send(base, "GET", "/actuator/health/readiness", null, Map.of());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready in 120 s:\n" + Files.readString(output));
    }

    private HttpResponse<String> send(String base, String method, String path, String body,
            Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The cookies a browser holds after this answer: the ones it had, replaced or added to by Set-Cookie. */
    private static String cookies(HttpResponse<?> answer, String had) {
        Map<String, String> jar = new LinkedHashMap<>();
        for (String c : had.isEmpty() ? new String[0] : had.split("; ")) {
            jar.put(c.substring(0, c.indexOf('=')), c);
        }
        for (String set : answer.headers().allValues("Set-Cookie")) {
            String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            if (pair.endsWith("=")) {
                jar.remove(pair.substring(0, pair.length() - 1));
            } else {
                jar.put(pair.substring(0, pair.indexOf('=')), pair);
            }
        }
        return String.join("; ", jar.values());
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
