package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * The supported institution's consent as a report's page says it: the reviewer sees it before deciding, and a
 * request nobody answered reads as unanswered once the report no longer waits for it.
 */
@IntegrationTest
class ConsentPagesTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired SupportReports reports;
    private final HttpClient http = HttpClient.newHttpClient();

    private String page(String actor, long id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/reports/" + id))
                .header("Cookie", signIns.session(actor).cookies()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theReviewerSeesTheConsentBeforeDecidingAndAnUnansweredRequestIsSaidToBeSoAfterwards() throws Exception {
        String home = fixtures.institution("10005");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(9);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("10005"), start.toString(), start.plusDays(20).toString(), "THURSDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "consent-page-" + person)).body().get("id").asLong();
        reports.requestConsent(Actor.practitioner(person), id);
        String reviewer = "reviewer:10005:consent-page";

        String waiting = page(reviewer, id);
        assertThat(waiting).contains("決定前請確認——支援機構電子同意：等待支援機構同意");

        api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        String decided = page("practitioner:" + person, id);
        assertThat(decided).contains("支援機構未回覆").doesNotContain("等待支援機構同意");
        assertThat(page(reviewer, id)).doesNotContain("決定前請確認");
    }
}
