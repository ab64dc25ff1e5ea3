package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Every setting combination the README documents starts and serves its pages: the application is started again
 * with each (on the test suite's PostgreSQL), asked for its sign-in pages and the tester's desk, and closed.
 */
@IntegrationTest
class DocumentedSettingsTest {

    @Autowired Environment environment;
    @Autowired JdbcClient jdbc;
    @Autowired tw.gov.mohw.support.support.Fixtures fixtures;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A started application and how to ask it for a page. */
    private record App(ConfigurableApplicationContext context, int port) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    private App start(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("server.port", 0);
        // as arguments, so that they win over the yaml files as they do on a command line
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).profiles("test")
                .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        return new App(context, Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private HttpResponse<String> get(App app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private void servesItsPages(App app) throws Exception {
        for (String path : new String[] {"/login", "/staff/login", "/help", "/test-environment"}) {
            var page = get(app, path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("報備支援系統").doesNotContain("Exception");
        }
    }

    /** {@code support.test-environment.agent=false}: the pages look for the real card components instead. */
    @Test
    void theSimulatedCardAgentOff() throws Exception {
        try (App app = start(Map.of("support.test-environment.agent", false,
                "support.test-environment.hca-ports", "56445,56545,56645", "support.test-environment.nhi-port", 7777))) {
            servesItsPages(app);
            assertThat(get(app, "/login").body()).contains("56445", "7777");
            assertThat(get(app, "/test-environment").body()).contains("模擬讀卡元件未啟動");
        }
    }

    /**
     * Two nodes behind a load balancer, the second without the card agent (only one process can own its ports): a
     * person asks the second for an SMS code, the tester reads it on the first node's outbox, and the first takes it.
     */
    @Test
    void aSecondNodeSharesTheOutboxesAndTheSignInUnderway() throws Exception {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        String mobile = fixtures.ownMobile(person);
        String first = "http://127.0.0.1:" + environment.getProperty("local.server.port");
        try (App second = start(Map.of("support.test-environment.agent", false))) {
            var login = get(second, "/login");
            String csrf = login.body().replaceFirst("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
            String cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream()
                    .map(c -> c.substring(0, c.indexOf(';'))).toList());
            var asked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/login/sms"))
                    .header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf).header("Cookie", cookies)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nationalId\":\"" + person + "\",\"mobile\":\""
                            + mobile + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            String session = asked.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            // the code is sent after the answer, on another thread
            String code = null;
            for (int i = 0; i < 50 && code == null; i++) {
                var outbox = http.send(HttpRequest.newBuilder(URI.create(first + "/test-environment/sms-outbox"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                var m = java.util.regex.Pattern.compile("<td class=\"mobile\">" + mobile
                        + "</td>\\s*<td class=\"text\">[^<]*?(\\d{6})").matcher(outbox);
                if (m.find()) {
                    code = m.group(1);
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(code).as("the code sent by the second node, on the first node's outbox").isNotNull();
            var verified = http.send(HttpRequest.newBuilder(URI.create(first + "/login/sms/verify"))
                    .header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf)
                    .header("Cookie", cookies + "; " + session)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            assertThat(verified.body()).contains("/nhi-simulator/verify?request=");
        }
    }

    /** The real providers' adapters instead of the simulators (here pointed at nothing): no outbox pages. */
    @Test
    void realSmsAndMailProvidersInsteadOfTheSimulators() throws Exception {
        try (App app = start(Map.of("support.sms.provider", "http", "support.sms.http.url", "http://127.0.0.1:9/send",
                "support.sms.http.account", "test", "support.sms.http.password", "test",
                "support.mail.provider", "smtp", "spring.mail.host", "127.0.0.1", "spring.mail.port", 9))) {
            servesItsPages(app);
            assertThat(get(app, "/test-environment/sms-outbox").statusCode()).isEqualTo(404);
            assertThat(get(app, "/test-environment/mail-outbox").statusCode()).isEqualTo(404);
        }
    }

    /** {@code none}: nothing is sent at all. */
    @Test
    void noSmsAndNoMail() throws Exception {
        try (App app = start(Map.of("support.sms.provider", "none", "support.mail.provider", "none"))) {
            servesItsPages(app);
        }
    }

    /**
     * An external database ({@code SPRING_DATASOURCE_URL}: the embedded one stays off), empty at first: Flyway builds
     * the schema; with synthetic data on, a small set is generated into it.
     */
    @Test
    void anExternalEmptyDatabaseWithSyntheticData() throws Exception {
        String database = "documented_" + System.nanoTime();
        jdbc.sql("create database " + database).update();
        String url = environment.getProperty("spring.datasource.url").replaceFirst("/postgres(\\?|$)",
                "/" + database + "$1");
        try (App app = start(Map.of("spring.datasource.url", url, "support.embedded-db.enabled", false,
                "support.synthetic-data.enabled", true, "support.synthetic-data.practitioners", 60,
                "support.synthetic-data.institutions", 12, "support.synthetic-data.reports", 40))) {
            servesItsPages(app);
            JdbcClient external = JdbcClient.create(app.context().getBean(javax.sql.DataSource.class));
            assertThat(external.sql("select current_database()").query(String.class).single()).isEqualTo(database);
            assertThat(external.sql("select count(*) from support_report").query(Long.class).single()).isEqualTo(40);
        } finally {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
        }
    }
}
