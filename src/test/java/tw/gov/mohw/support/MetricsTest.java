package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * The operators' Prometheus reads {@code /actuator/prometheus} with its own credentials, and sees the counters move
 * when a report is filed and decided.
 */
@IntegrationTest
class MetricsTest {

    @Autowired SignIns signIns;
    @Autowired Api api;
    @Autowired Fixtures fixtures;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> scrape(String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/actuator/prometheus"));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("prometheus:" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics() throws Exception {
        var answer = scrape("test-metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** A sample's value: the sum over the series of {@code name} whose labels include all of {@code labels}. */
    private static double value(String exposition, String name, String... labels) {
        double sum = 0;
        var line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE)
                .matcher(exposition);
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    @Test
    void onlyTheOperatorsCredentialsReadIt() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("wrong").statusCode()).isEqualTo(401);
        // a signed-in person's session is not enough either
        var person = api.get("national-viewer:metrics-curious", "/actuator/prometheus");
        assertThat(person.status()).isEqualTo(401);
        assertThat(scrape("test-metrics").headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void filingAndDecidingMoveTheCounters() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        String before = metrics();
        var start = fixtures.today().plusDays(30);
        var filed = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusMonths(1).toString(), "MONDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "metrics-" + person));
        assertThat(filed.status()).isEqualTo(201);
        long id = filed.body().get("id").asLong();
        assertThat(api.post("reviewer:63000:metrics-reviewer", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE")).status()).isEqualTo(200);
        // the same person again, the same hours: refused by the overlap rule
        var again = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusMonths(1).toString(), "MONDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "metrics-again-" + person));
        assertThat(again.status()).isEqualTo(409);
        String after = metrics();

        String submit = "action=\"SUBMIT\"";
        String bureau = "bureau=\"63000\"";
        assertThat(value(after, "support_reports_transitions_total", submit, bureau)
                - value(before, "support_reports_transitions_total", submit, bureau)).isEqualTo(1);
        String approve = "action=\"APPROVE\"";
        assertThat(value(after, "support_reports_transitions_total", approve, bureau)
                - value(before, "support_reports_transitions_total", approve, bureau)).isEqualTo(1);
        assertThat(value(after, "support_submissions_refused_total", "kind=\"CONFLICT\"")
                - value(before, "support_submissions_refused_total", "kind=\"CONFLICT\"")).isEqualTo(1);
        // the new practitioner signed in with a card in between
        String card = "method=\"HCA_CARD\"";
        String success = "outcome=\"SUCCESS\"";
        assertThat(value(after, "support_signins_total", card, success)
                - value(before, "support_signins_total", card, success)).isGreaterThanOrEqualTo(1);
        // the queues and the providers
        assertThat(after).containsPattern("(?m)^support_notifications_backlog(\\{[^}]*})? [0-9.]+$")
                .containsPattern("(?m)^support_notifications_oldest_age_seconds(\\{[^}]*})? [0-9.]+$")
                .containsPattern("(?m)^support_audit_backlog(\\{[^}]*})? [0-9.]+$")
                .contains("support_provider_failures_total{provider=\"sms\"")
                // request latency as a histogram, by route
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/submissions\"");
    }
}
