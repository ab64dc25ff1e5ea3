package tw.gov.mohw.support.report.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** 統計: charts and CSV for a bureau and for the ministry; nobody else. */
@IntegrationTest
class StatisticsPagesBrowserTest {

    private static Browser browser;

    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired Api api;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    private Page page(BrowserContext context, String actor) {
        Browser.signInto(context, signIns.baseUrl(), signIns.session(actor));
        return context.newPage();
    }

    @Test
    void aBureauSeesItsFiguresAsChartsAndCsv() throws Exception {
        String home = fixtures.institution("10007");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(5);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("10007"), start.toString(), start.plusDays(10).toString(), "MONDAY", "09:00",
                "10:00"), Map.of("Idempotency-Key", "stats-" + person)).body().get("id").asLong();
        api.post("reviewer:10007:stats", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));

        String base = signIns.baseUrl();
        BrowserContext context = browser.context(Browser.DESKTOP, base);
        Page page = page(context, "reviewer:10007:stats");
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("統計")).click();
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("依狀態"))).isVisible();
        assertThat(page.locator("figure.chart rect").first()).isVisible();
        assertThat(page.getByText("核准").first()).isVisible();
        // the bureau's own count: what it decides, this report among them, and not another county's
        long own = jdbc.sql("select count(*) from support_report where deciding_bureau = '10007'"
                + " and case_number is not null").query(Long.class).single();
        String said = String.format("本局審核的報備共 %,d 件。", own);
        assertThat(page.getByText(said)).isVisible();
        String elsewhere = fixtures.practitioner(fixtures.institution("10008"));
        api.post("practitioner:" + elsewhere, "/api/v1/submissions", Api.report(elsewhere,
                fixtures.institution("10007"), start.toString(), start.plusDays(10).toString(), "MONDAY", "09:00",
                "10:00"), Map.of("Idempotency-Key", "stats-" + elsewhere));
        page.reload();
        assertThat(page.getByText(said)).isVisible(); // a report 10007 is only informed of is 10008's
        Browser.assertAccessible(page);
        Browser.screenshot(page, "statistics");
        var download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("下載 CSV")).click());
        String csv = Files.readString(download.path());
        assertThat(csv).startsWith("\uFEFF").contains("依狀態").contains("審核時間中位數（天）");
        context.close();

        BrowserContext ministry = browser.context(Browser.DESKTOP, base);
        Page national = page(ministry, "national-viewer:statistician");
        national.navigate("/statistics");
        assertThat(national.getByText("全國已送出的報備共")).isVisible();
        ministry.close();

        BrowserContext personal = browser.context(Browser.DESKTOP, base);
        Page applicant = page(personal, "practitioner:" + person);
        applicant.navigate("/statistics");
        assertThat(applicant.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("您沒有權限查看此頁。")))
                .isVisible();
        personal.close();
    }
}
