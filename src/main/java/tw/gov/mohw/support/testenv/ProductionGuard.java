package tw.gov.mohw.support.testenv;

import java.io.InputStream;
import java.net.URI;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * What the production profile needs, checked before any bean is made, and reported all at once: every required
 * setting (missing, or of the wrong form: an unreadable certificate, an address without https) and every
 * test-environment feature left on — the benchmark's header sign-in, the synthetic data, the embedded database,
 * the simulators and test HCA, the simulated SMS provider and mail server, session cookies over plain http. Spring
 * Boot then prints them as "APPLICATION FAILED TO START" ({@link ProductionSettingsFailureAnalyzer}). A misconfigured
 * production is worse than none. This is the one list of what production refuses; the test environment is the
 * module that holds all of it.
 */
@Component
class ProductionGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Test-environment features, each a switch production refuses. */
    private static final List<String> TEST_ONLY = List.of("support.test-auth.enabled", "support.synthetic-data.enabled",
            "support.embedded-db.enabled", "support.test-environment.enabled");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<ProductionSettingsException.Problem> problems = check(environment);
        if (!problems.isEmpty()) {
            throw new ProductionSettingsException(problems);
        }
    }

    /** Everything wrong with the settings for production; nothing outside the production profile. */
    static List<ProductionSettingsException.Problem> check(Environment environment) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("production")) {
            return List.of();
        }
        var c = new Checks(environment);
        for (String property : TEST_ONLY) {
            if (environment.getProperty(property, Boolean.class, false)) {
                c.problem(property, "a test-environment feature, refused in production", "false", "is on");
            }
        }
        c.required("spring.datasource.url", "the PostgreSQL database", "jdbc:postgresql://db.example:5432/support",
                v -> v.startsWith("jdbc:postgresql://") ? null : "not a PostgreSQL JDBC address");
        c.required("support.public-url", "this system's address as people reach it: sign-in returns there, "
                + "notifications and printouts' QR codes link to it", "https://support.mohw.gov.tw", Checks::https);
        if (!environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, false)) {
            c.problem("server.servlet.session.cookie.secure", "session cookies only over HTTPS", "true", "is false");
        }
        c.list("support.hca.roots", "the HCA root certificates (PEM or DER files) card signatures chain to",
                "file:/etc/support/hca/root.pem", c::certificate);
        c.list("support.hca.issuing-cas", "the HCA issuing CAs' certificates", "file:/etc/support/hca/issuing.pem",
                c::certificate);
        c.list("support.hca.crls", "where each HCA issuer publishes its revocation list",
                "http://crl.hca.nat.gov.tw/crl.crl", v -> v.matches("(https?|file):.+") ? null
                        : "not an http, https or file address");
        c.required("support.nhi.site-url", "the NHI site that verifies people signing in without a card",
                "https://nhi-site.example/verify", Checks::https);
        c.required("support.nhi.site-issuer", "the NHI site's id in its answers", "nhi-site", v -> null);
        c.required("support.nhi.site-encryption-key", "the NHI site's RSA public key (PEM) requests are encrypted for",
                "file:/etc/support/nhi/encryption.pem", c::publicKey);
        c.required("support.nhi.site-signing-key", "the NHI site's RSA public key (PEM) its answers verify with",
                "file:/etc/support/nhi/signing.pem", c::publicKey);
        c.required("support.api-clients.key-encryption-key", "the AES-256 key (base64 of 32 random bytes, the same on "
                + "every node) that encrypts the API token signing keys in the database", "(openssl rand -base64 32)",
                v -> {
                    try {
                        return java.util.Base64.getDecoder().decode(v.strip()).length == 32 ? null
                                : "not 32 bytes";
                    } catch (IllegalArgumentException e) {
                        return "not base64";
                    }
                });
        String sms = environment.getProperty("support.sms.provider", "none");
        if (sms.equals("simulator")) {
            c.problem("support.sms.provider", "the test environment's simulated SMS provider, refused in production",
                    "http", "is simulator");
        } else if (sms.equals("http")) {
            c.required("support.sms.http.url", "the SMS provider's address", "https://sms.example/send", Checks::https);
            c.required("support.sms.http.account", "our account at the SMS provider", "mohw-support", v -> null);
            c.required("support.sms.http.password", "its password", "(secret)", v -> null);
        }
        String mail = environment.getProperty("support.mail.provider", "none");
        if (mail.equals("simulator")) {
            c.problem("support.mail.provider", "the test environment's simulated mail server, refused in production",
                    "smtp", "is simulator");
        } else if (mail.equals("smtp")) {
            c.required("spring.mail.host", "the SMTP server notifications go through", "smtp.mohw.gov.tw", v -> null);
            c.required("support.mail.from", "the sender of notifications", "報備支援系統 <no-reply@mohw.gov.tw>",
                    v -> v.contains("@") ? null : "not an e-mail address");
        }
        return c.problems;
    }

    /** The checks of one environment, collecting what is wrong. */
    private static final class Checks {
        private final Environment environment;
        private final Binder binder;
        private final ResourceLoader resources = new DefaultResourceLoader();
        final List<ProductionSettingsException.Problem> problems = new ArrayList<>();

        Checks(Environment environment) {
            this.environment = environment;
            this.binder = Binder.get(environment);
        }

        void problem(String property, String what, String example, String found) {
            problems.add(new ProductionSettingsException.Problem(property, environmentName(property), what, example,
                    found));
        }

        /** A setting that must be there, and be right: {@code wrong} says why not, or null. */
        void required(String property, String what, String example, java.util.function.Function<String, String> wrong) {
            String value = environment.getProperty(property);
            if (value == null || value.isBlank()) {
                problem(property, what, example, "missing");
                return;
            }
            String why = wrong.apply(value.strip());
            if (why != null) {
                problem(property, what, example, why);
            }
        }

        /** A list that must have at least one entry, each right. */
        void list(String property, String what, String example, java.util.function.Function<String, String> wrong) {
            List<String> values = binder.bind(property, Bindable.listOf(String.class)).orElse(List.of());
            if (values.stream().allMatch(String::isBlank)) {
                problem(property, what, example, "missing");
                return;
            }
            for (String value : values) {
                String why = wrong.apply(value.strip());
                if (why != null) {
                    problem(property, what, example, value + ": " + why);
                }
            }
        }

        static String https(String value) {
            try {
                URI uri = URI.create(value);
                return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? null
                        : "not an https address";
            } catch (IllegalArgumentException e) {
                return "not an address";
            }
        }

        String certificate(String location) {
            try (InputStream in = resources.getResource(location).getInputStream()) {
                return CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()
                        ? "holds no certificate" : null;
            } catch (Exception e) {
                return "cannot be read as a certificate (" + e.getClass().getSimpleName() + ")";
            }
        }

        String publicKey(String location) {
            try (InputStream in = resources.getResource(location).getInputStream()) {
                String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
                return null;
            } catch (Exception e) {
                return "cannot be read as an RSA public key in PEM (" + e.getClass().getSimpleName() + ")";
            }
        }

        /** How the setting is named in the environment (Spring's relaxed binding). */
        static String environmentName(String property) {
            return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
        }
    }
}
