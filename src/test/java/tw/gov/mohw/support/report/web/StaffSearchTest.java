package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** Bureau staff find reports in their jurisdiction by case number, approval number or name; nobody else's. */
@IntegrationTest
class StaffSearchTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired Registry registry;
    @Autowired Environment environment;

    private String page(String actor, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + path)).header("Cookie", "SESSION="
                + signIns.session(actor).cookie()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void byCaseNumberApprovalNumberOrNameWithinTheBureauOnly() throws Exception {
        String home = fixtures.institution("10005");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(8);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("10005"), start.toString(), start.plusDays(20).toString(), "SUNDAY", "09:00",
                "11:00"), Map.of("Idempotency-Key", "search-" + person)).body().get("id").asLong();
        String filed = api.get("practitioner:" + person, "/api/v1/reports/" + id).text("/caseNumber");
        assertThat(page("reviewer:10005:finder", "/review?text=" + q(filed))).as("its own bureau's queue has it")
                .contains("href=\"/reports/" + id + "\"");
        assertThat(page("reviewer:63000:elsewhere", "/review?text=" + q(filed)))
                .as("another bureau's queue does not").contains("沒有符合條件的待審案件。")
                .doesNotContain("href=\"/reports/" + id + "\"");
        var approved = api.post("reviewer:10005:finder", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE"));
        String caseNumber = approved.text("/caseNumber");
        String approval = approved.text("/approvalNumber");
        String name = registry.practitioner(NationalId.parse(person)).orElseThrow().name();

        for (String text : new String[] {caseNumber, approval, name}) {
            String html = page("reviewer:10005:finder", "/?text=" + q(text));
            assertThat(html).as(text).contains(caseNumber).contains("報備案件（共 1 件）");
        }
        String csv = page("reviewer:10005:finder", "/reports/export.csv?text=" + q(caseNumber));
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(page("reviewer:63000:elsewhere", "/?text=" + q(caseNumber)))
                .as("another bureau's search finds nothing of this one")
                .contains("沒有符合條件的報備。").doesNotContain("href=\"/reports/" + id + "\"");
        assertThat(page("reviewer:63000:elsewhere", "/reports/export.csv?text=" + q(caseNumber)).lines().count())
                .as("nor does its export: the header only").isEqualTo(1);
        assertThat(page("reviewer:10005:finder", "/?text=" + q("x".repeat(41)))).contains("關鍵字最多 40 字");
    }
}
