package tw.gov.mohw.support.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import tw.gov.mohw.support.Application;

/** Production starts only complete, and says everything that is missing or wrong at once. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionGuardTest {

    private static MockEnvironment production() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("production");
        return env;
    }

    private static List<String> properties(MockEnvironment env) {
        return ProductionGuard.check(env).stream().map(ProductionSettingsException.Problem::property).toList();
    }

    /** Every setting production needs, with files that really are certificates and keys. */
    private static MockEnvironment complete(Path dir) throws Exception {
        TestHca hca = TestHca.create(Clock.systemUTC());
        Files.writeString(dir.resolve("root.pem"), pem("CERTIFICATE", hca.root()));
        Files.writeString(dir.resolve("issuing.pem"), pem("CERTIFICATE", hca.issuingCa()));
        String key = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                TestHca.rsaKeys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("nhi.pem"), key);
        return (MockEnvironment) production()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/support")
                .withProperty("support.public-url", "https://support.example.gov.tw")
                .withProperty("server.servlet.session.cookie.secure", "true")
                .withProperty("support.hca.roots", dir.resolve("root.pem").toUri().toString())
                .withProperty("support.hca.issuing-cas", dir.resolve("issuing.pem").toUri().toString())
                .withProperty("support.hca.crls", "http://crl.example/hca.crl")
                .withProperty("support.nhi.site-url", "https://nhi.example/verify")
                .withProperty("support.nhi.site-issuer", "nhi")
                .withProperty("support.nhi.site-encryption-key", dir.resolve("nhi.pem").toUri().toString())
                .withProperty("support.nhi.site-signing-key", dir.resolve("nhi.pem").toUri().toString())
                .withProperty("support.sms.provider", "http")
                .withProperty("support.sms.http.url", "https://sms.example/send")
                .withProperty("support.sms.http.account", "mohw").withProperty("support.sms.http.password", "secret")
                .withProperty("support.mail.provider", "smtp").withProperty("spring.mail.host", "smtp.example")
                .withProperty("support.mail.from", "no-reply@example.gov.tw")
                .withProperty("support.api-clients.key-encryption-key", Base64.getEncoder().encodeToString(new byte[32]));
    }

    private static String pem(String type, X509Certificate certificate) throws Exception {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void aCompleteSetStarts(@TempDir Path dir) throws Exception {
        assertThat(ProductionGuard.check(complete(dir))).isEmpty();
    }

    @Test
    void everythingMissingIsSaidAtOnceWithItsEnvironmentNameAndAnExample() {
        MockEnvironment env = production().withProperty("support.sms.provider", "http")
                .withProperty("support.mail.provider", "smtp");
        var problems = ProductionGuard.check(env);
        assertThat(problems).extracting(ProductionSettingsException.Problem::property).containsExactlyInAnyOrder(
                "spring.datasource.url", "support.public-url", "server.servlet.session.cookie.secure",
                "support.hca.roots", "support.hca.issuing-cas", "support.hca.crls", "support.nhi.site-url",
                "support.nhi.site-issuer", "support.nhi.site-encryption-key", "support.nhi.site-signing-key",
                "support.sms.http.url", "support.sms.http.account", "support.sms.http.password", "spring.mail.host",
                "support.mail.from", "support.api-clients.key-encryption-key");
        var url = problems.stream().filter(p -> p.property().equals("support.public-url")).findFirst().orElseThrow();
        assertThat(url.environmentName()).isEqualTo("SUPPORT_PUBLICURL");
        assertThat(url.found()).isEqualTo("missing");
        assertThat(url.example()).startsWith("https://");
    }

    @Test
    void everyTestEnvironmentFeatureIsRefused(@TempDir Path dir) throws Exception {
        for (String property : new String[] {"support.test-auth.enabled", "support.synthetic-data.enabled",
                "support.embedded-db.enabled", "support.test-environment.enabled"}) {
            assertThat(properties((MockEnvironment) complete(dir).withProperty(property, "true"))).containsExactly(property);
        }
        assertThat(properties((MockEnvironment) complete(dir).withProperty("support.sms.provider", "simulator")))
                .containsExactly("support.sms.provider");
        assertThat(properties((MockEnvironment) complete(dir).withProperty("support.mail.provider", "simulator")))
                .containsExactly("support.mail.provider");
        assertThat(properties((MockEnvironment) complete(dir)
                .withProperty("server.servlet.session.cookie.secure", "false")))
                .containsExactly("server.servlet.session.cookie.secure");
    }

    @Test
    void aValueOfTheWrongFormIsSaidWhy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("not-a-cert.pem"), "hello");
        var problems = ProductionGuard.check(complete(dir).withProperty("support.public-url", "http://support.example")
                .withProperty("support.hca.roots", dir.resolve("not-a-cert.pem").toUri() + ","
                        + dir.resolve("absent.pem").toUri())
                .withProperty("support.nhi.site-signing-key", dir.resolve("not-a-cert.pem").toUri().toString())
                .withProperty("spring.datasource.url", "jdbc:mysql://db/support")
                .withProperty("support.api-clients.key-encryption-key", "c2hvcnQ="));
        assertThat(problems).extracting(p -> p.property() + ": " + p.found()).containsExactlyInAnyOrder(
                "support.public-url: not an https address",
                "support.hca.roots: " + dir.resolve("not-a-cert.pem").toUri() + ": cannot be read as a certificate "
                        + "(CertificateException)",
                "support.hca.roots: " + dir.resolve("absent.pem").toUri() + ": cannot be read as a certificate "
                        + "(FileNotFoundException)",
                "support.nhi.site-signing-key: cannot be read as an RSA public key in PEM (IllegalArgumentException)",
                "spring.datasource.url: not a PostgreSQL JDBC address",
                "support.api-clients.key-encryption-key: not 32 bytes");
    }

    /** The example environment file names every setting the guard asks for, as the guard names it. */
    @Test
    void theExampleEnvironmentFileNamesEverySetting() throws Exception {
        List<String> named = Files.readAllLines(Path.of("deploy/production.env.example")).stream()
                .map(l -> l.replaceFirst("^#\\s*", "")).filter(l -> l.matches("[A-Z0-9_]+=.*"))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        var asked = ProductionGuard.check(production().withProperty("support.sms.provider", "http")
                .withProperty("support.mail.provider", "smtp"));
        assertThat(named).containsAll(asked.stream().map(ProductionSettingsException.Problem::environmentName)
                .filter(n -> !n.equals("SERVER_SERVLET_SESSION_COOKIE_SECURE")).toList());
    }

    @Test
    void theTestEnvironmentIsNotProduction() {
        MockEnvironment env = new MockEnvironment().withProperty("support.test-environment.enabled", "true");
        assertThat(ProductionGuard.check(env)).isEmpty();
    }

    /** The application itself, started in production with nothing set: one report naming everything, no stack. */
    @Test
    void startingProductionIncompleteSaysItAllInSpringBootsForm(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(Application.class, "--spring.profiles.active=production",
                "--server.port=0", "--support.public-url=http://support.example"))
                .isInstanceOf(ProductionSettingsException.class);
        String printed = output.getAll();
        assertThat(printed).contains("APPLICATION FAILED TO START", "Description:", "Action:",
                "support.public-url (SUPPORT_PUBLICURL): not an https address.",
                "spring.datasource.url (SPRING_DATASOURCE_URL): missing.", "support.hca.roots (SUPPORT_HCA_ROOTS)",
                "support.sms.http.url", "spring.mail.host", "deploy/production.env.example");
        assertThat(printed.substring(printed.indexOf("APPLICATION FAILED TO START")))
                .doesNotContain("\tat org.springframework");
        assertThat(printed.getBytes(StandardCharsets.UTF_8).length).isPositive();
    }
}
