package tw.gov.mohw.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** A browser is answered with the site's error page; an API client with problem+json. */
@IntegrationTest
class ErrorPagesTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired SignIns signIns;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String actor, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + path)).header("Accept", accept)
                .header("Cookie", signIns.session(actor).cookies()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAddressThatIsNothingIsAPageForABrowserAndProblemJsonForTheApi() throws Exception {
        var page = get("national-viewer:lost", "/no-such-page", BROWSER);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("lang=\"zh-Hant-TW\"", "<title>找不到此頁。 — 報備支援系統</title>",
                "<h1>找不到此頁。</h1>", "回首頁").doesNotContain("\"status\":404").doesNotContain("problem");

        var api = get("national-viewer:lost", "/api/v1/no-such-thing", "application/json");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"status\":404").doesNotContain("<html");
        // a browser asking the API still gets the API's answer
        assertThat(get("national-viewer:lost", "/api/v1/no-such-thing", BROWSER).headers()
                .firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aRefusalOnAnyPageIsThatPageWithTheReason() throws Exception {
        var staff = get("reviewer:63000:curious", "/admin/staff", BROWSER);
        assertThat(staff.statusCode()).isEqualTo(403);
        assertThat(staff.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(staff.body()).contains("<title>您沒有權限查看此頁。 — 報備支援系統</title>",
                "您沒有管理此帳號的權限。", "回首頁");

        var report = get("reviewer:63000:curious", "/reports/999999999", BROWSER);
        assertThat(report.statusCode()).isEqualTo(404);
        assertThat(report.body()).contains("找不到此頁。", "查無此筆申請");

        var api = get("reviewer:63000:curious", "/api/v1/staff", "application/json");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    /** A problem names its request, as the logs do: the proxy's id when it sent one, else a new one. */
    @Test
    void aProblemCarriesTheRequestIdOfItsLogLines() throws Exception {
        var given = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/api/v1/no-such-thing"))
                .header("Accept", "application/json").header("X-Request-Id", "lb-7f3a9c2e")
                .header("Cookie", signIns.session("national-viewer:lost").cookies()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a9c2e");
        assertThat(given.body()).contains("\"requestId\":\"lb-7f3a9c2e\"");
        // none given, or one that is not an id: a new one
        var made = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/api/v1/reports"))
                .header("Accept", "application/json").header("X-Request-Id", "<script>").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).isEqualTo(401);
        String id = made.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(made.body()).contains("\"requestId\":\"" + id + "\"").doesNotContain("<script>");
    }
}
