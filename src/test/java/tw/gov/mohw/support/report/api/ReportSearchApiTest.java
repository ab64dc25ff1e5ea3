package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class ReportSearchApiTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    String home;
    String person;
    List<Long> ids = new ArrayList<>();

    @BeforeEach
    void fileFive() {
        home = fixtures.institution("10020"); // 嘉義市
        person = fixtures.practitioner(home);
        String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"};
        for (int i = 0; i < 5; i++) {
            LocalDate start = fixtures.today().plusDays(10 + 30L * i);
            ids.add(api.post("institution:" + home, "/api/v1/submissions",
                    Api.report(person, fixtures.institution("10020"), start.toString(), start.plusDays(20).toString(),
                            days[i], "09:00", "10:00"), Map.of("Idempotency-Key", "search-" + i + "-" + person))
                    .body().get("id").asLong());
        }
        api.post("reviewer:10020:chia", "/api/v1/reports/" + ids.get(0) + "/decisions", Map.of("decision", "APPROVE"));
    }

    List<Long> idsOf(Api.Response r) {
        List<Long> out = new ArrayList<>();
        r.body().get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void pagesAndSorts() {
        String base = "/api/v1/reports?practitioner=" + person + "&sort=PERIOD_START&order=asc&size=2";
        var first = api.get("practitioner:" + person, base + "&page=0");
        assertThat(first.body().get("total").asLong()).isEqualTo(5);
        assertThat(idsOf(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(api.get("practitioner:" + person, base + "&page=2"))).containsExactly(ids.get(4));
        var desc = api.get("practitioner:" + person, "/api/v1/reports?sort=PERIOD_START&order=desc&size=100");
        assertThat(idsOf(desc)).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void filtersByStatusPeriodInstitutionAndBureau() {
        var approved = api.get("institution:" + home, "/api/v1/reports?status=APPROVED&size=100");
        assertThat(idsOf(approved)).containsExactly(ids.get(0));
        var both = api.get("institution:" + home, "/api/v1/reports?status=approved,submitted&size=100");
        assertThat(idsOf(both)).hasSize(5);
        LocalDate from = fixtures.today().plusDays(40);
        var inPeriod = api.get("institution:" + home, "/api/v1/reports?from=" + from + "&to=" + from.plusDays(5));
        assertThat(idsOf(inPeriod)).containsExactly(ids.get(1));
        var byInstitution = api.get("reviewer:10020:chia", "/api/v1/reports?institution=" + home + "&size=100");
        assertThat(idsOf(byInstitution)).hasSize(5);
        var byBureau = api.get("national-viewer:mohw", "/api/v1/reports?bureau=10020&practitioner=" + person);
        assertThat(idsOf(byBureau)).hasSize(5);
    }

    @Test
    void theQueueIsOldestFirstAndHoldsOnlyWhatWaits() {
        var queue = api.get("reviewer:10020:chia", "/api/v1/reports?awaitingDecision=true&size=100&practitioner=" + person);
        assertThat(idsOf(queue)).containsExactly(ids.get(1), ids.get(2), ids.get(3), ids.get(4));
        JsonNode row = queue.body().get("items").get(0);
        assertThat(row.get("maskedNationalId").asString()).endsWith("****");
        assertThat(row.get("queuedAt").asString()).endsWith("Z");
        assertThat(queue.raw()).doesNotContain(person);
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        var docs = api.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/submissions")).isTrue();
        assertThat(paths.has("/api/v1/reports/{id}/decisions")).isTrue();
        assertThat(paths.has("/api/v1/practitioners/{nationalId}/week")).isTrue();
        assertThat(api.get(null, "/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(api.get(null, "/").status()).as("signed out: to the login page").isEqualTo(302);
        var login = api.get(null, "/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.raw()).contains("測試環境 — 資料均為測試資料");
    }
}
