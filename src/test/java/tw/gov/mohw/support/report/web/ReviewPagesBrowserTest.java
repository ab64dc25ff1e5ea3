package tw.gov.mohw.support.report.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** The bureau's review in the browser: the queue, returning with a reason, approving, the full ID on request. */
@IntegrationTest
class ReviewPagesBrowserTest {

    private static Browser browser;

    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired Api api;
    private BrowserContext context;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Page signedIn(String actor, Browser.Viewport viewport) {
        context = browser.signedIn(signIns.baseUrl(), signIns.session(actor), viewport);
        return context.newPage();
    }

    /**
     * 越區支援: the home county (宜蘭) decides; the supported county (新竹縣) is informed and reads, from its 副知
     * list and its search, but has nothing to decide.
     */
    @org.junit.jupiter.api.Test
    void theSupportedCountysBureauIsInformedReadOnly() {
        String home = fixtures.institution("10002");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(6);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("10004"), start.toString(), start.plusDays(30).toString(), "SATURDAY", "08:00",
                "12:00"), Map.of("Idempotency-Key", "informed-" + person)).body().get("id").asLong();
        String caseNumber = api.get("practitioner:" + person, "/api/v1/reports/" + id).text("/caseNumber");
        assertThat(caseNumber).startsWith("宜縣");
        Page page = signedIn("reviewer:10004:informed", Browser.Viewport.DESKTOP);
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("副知案件")).click();
        assertThat(page.locator("table.reports").getByText(caseNumber)).isVisible();
        Browser.assertAccessible(page);
        page.locator("table.reports").getByText(caseNumber).click();
        assertThat(page.locator("h1")).containsText(caseNumber);
        assertThat(page.locator("dl.facts")).containsText("宜蘭縣政府衛生局");
        assertThat(page.locator("dl.facts")).containsText("新竹縣政府衛生局");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核准").setExact(true)))
                .hasCount(0);
        page.navigate("/review?text=" + java.net.URLEncoder.encode(caseNumber, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.getByText("沒有符合條件的待審案件。")).isVisible();

        // 查詢 on the start page by case number: the informed bureau finds it too, with its exports
        page.navigate("/");
        page.getByLabel("案號、核准文號或姓名").fill(caseNumber);
        page.getByLabel("案號、核准文號或姓名").press("Enter");
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下載 Excel（.xlsx）")))
                .isVisible();
        Browser.assertAccessible(page);

        // the home county's bureau has it in its queue
        Browser.signInto(context, signIns.baseUrl(), signIns.session("reviewer:10002:decider"));
        page.navigate("/review?text=" + java.net.URLEncoder.encode(caseNumber, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        assertThat(page.locator("table.reports tbody")).containsText(caseNumber);
    }

    /**
     * A cross-county report: in the home county's queue, returned and approved there, and in the supported county's
     * 副知 list with its outcome.
     */
    @ParameterizedTest
    @EnumSource(Browser.Viewport.class)
    void aReviewerReturnsThenApprovesFromTheQueue(Browser.Viewport viewport) {
        String county = viewport == Browser.Viewport.PHONE ? "67000" : "68000";
        String supportedCounty = viewport == Browser.Viewport.PHONE ? "66000" : "64000";
        String home = fixtures.institution(county);
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(4);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution(supportedCounty), start.toString(), start.plusDays(30).toString(), "MONDAY",
                "08:00", "12:00"), Map.of("Idempotency-Key", "review-" + person)).body().get("id").asLong();
        String caseNumber = api.get("practitioner:" + person, "/api/v1/reports/" + id).text("/caseNumber");

        Page page = signedIn("reviewer:" + county + ":rv" + viewport.ordinal(), viewport);
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("待審案件")).click();
        var row = page.locator("table.reports tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(caseNumber));
        // a filter that does not parse is said, and the queue is shown unfiltered
        page.getByLabel("人員身分證號").fill("X12");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查詢")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("身分證");
        // oldest first, and other tests' reports of this bureau may fill the first pages: find it by its case number
        page.getByLabel("人員身分證號").fill("");
        page.getByLabel("案號、核准文號或姓名").fill(caseNumber);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查詢")).click();
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        assertThat(row).containsText("0 天");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "review-queue-" + viewport);
        row.getByRole(AriaRole.LINK).click();
        // the person's practice registration, for the reviewer
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("執業登記")))
                .containsText("執業中");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("退回補正").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("原因");
        page.getByLabel("退回補正或駁回的理由（必填）").fill("請補充支援時段的門診表");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("退回補正").setExact(true)).click();
        assertThat(page.getByText("已退回補正。")).isVisible();
        Browser.assertAccessible(page);

        api.post("practitioner:" + person, "/api/v1/reports/" + id + "/submit", null);
        page.reload();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核准").setExact(true)).click();
        assertThat(page.getByText("已核准，並已給予核准文號。")).isVisible();
        assertThat(page.locator("dl.facts")).containsText(Pattern.compile("衛醫字第\\d+號"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("顯示完整身分證號")).click();
        assertThat(page.locator("dl.facts")).containsText(person);
        Browser.screenshot(page, "review-decided-" + viewport);

        // the supported county's bureau has it in its 副知 list, approved, and cannot decide anything on it
        Page informed = context.newPage();
        Browser.signInto(context, signIns.baseUrl(), signIns.session("reviewer:" + supportedCounty + ":cc"
                + viewport.ordinal()));
        informed.navigate("/review/informed");
        var informedRow = informed.locator("table.reports tr").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasText(caseNumber));
        assertThat(informedRow).containsText("核准");
        Browser.assertAccessible(informed);
        informedRow.getByRole(AriaRole.LINK).click();
        assertThat(informed.locator("h1")).containsText(caseNumber);
        assertThat(informed.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("註銷").setExact(true)))
                .hasCount(0);

        // another bureau neither lists nor opens it
        Page other = context.newPage();
        Browser.signInto(context, signIns.baseUrl(), signIns.session("reviewer:65000:outsider"));
        other.navigate("/reports/" + id);
        assertThat(other.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("找不到此頁。"))).isVisible();
        other.navigate("/review?text=" + java.net.URLEncoder.encode(caseNumber, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(other.getByText("沒有符合條件的待審案件。")).isVisible();
    }
}
