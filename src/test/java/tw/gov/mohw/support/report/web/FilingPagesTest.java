package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** The 登錄 steps cannot be used to look people up, nor skipped. */
@IntegrationTest
class FilingPagesTest {

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired Environment environment;
    @Autowired tw.gov.mohw.support.registry.Registry registry;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(SignIns.Session s, String method, String path, String form) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port")
                + path)).header("Cookie", s.cookies()).header("X-CSRF-TOKEN", s.csrf());
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return http.send(b.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClerkChoosesOnlyAmongTheirStaffAndCannotJumpToTheReview() throws Exception {
        String home = fixtures.institution("63000");
        String staff = fixtures.practitioner(home);
        String stranger = fixtures.practitioner(fixtures.institution("63000"));
        SignIns.Session clerk = signIns.session("institution:" + home);
        String wizard = send(clerk, "GET", "/reports/new", null).headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/reports/file/([0-9a-f]+)/1", "$1");
        var page = send(clerk, "GET", "/reports/file/" + wizard + "/1", null);
        String staffName = registry.practitioner(tw.gov.mohw.support.registry.NationalId.parse(staff)).orElseThrow()
                .name();
        assertThat(page.body()).as("the staff are listed, with their IDs masked").contains(staffName)
                .contains(tw.gov.mohw.support.registry.NationalId.parse(staff).masked());
        assertThat(page.body()).as("the staff list carries no full ID").doesNotContain(staff);
        // a stranger's (or a made-up) person: refused, and nobody's name is shown
        var step = send(clerk, "POST", "/reports/file/" + wizard + "/1", "practitioner=" + stranger
                + "&supportedInstitution=" + home + "&category=REGULAR");
        assertThat(step.statusCode()).isEqualTo(200);
        assertThat(step.body()).contains("此欄位為必填");
        var review = send(clerk, "GET", "/reports/file/" + wizard + "/5", null);
        String strangerName = registry.practitioner(tw.gov.mohw.support.registry.NationalId.parse(stranger))
                .orElseThrow().name();
        assertThat(review.body()).contains("第 1 步，共 5 步").doesNotContain(strangerName);
        assertThat(step.body()).doesNotContain(strangerName);
    }
}
