package tw.gov.mohw.support.report.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** The applicant's pages in headless Chromium: start page, 登錄 in five steps, a report's page, 撤回. */
@IntegrationTest
class ApplicantPagesBrowserTest {

    private static Browser browser;

    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired tw.gov.mohw.support.support.Api api;

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
        if (context != null) {
            context.close();
        }
    }

    /** A browser already signed in as {@code actor} (the sign-in itself is tested in SignInBrowserTest). */
    private Page signedIn(String actor, Browser.Viewport viewport) {
        context = browser.signedIn(signIns.baseUrl(), signIns.session(actor), viewport);
        return context.newPage();
    }

    private static String roc(LocalDate date) {
        return RocDates.formatShort(date);
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Browser.Viewport.class)
    void aPersonFilesInFiveStepsSeesItOnTheStartPageAndWithdrawsIt(Browser.Viewport viewport) {
        String home = fixtures.institution("63000");
        String site = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        Page page = signedIn("practitioner:" + person, viewport);
        page.navigate("/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("我的報備"))).isVisible();
        Browser.assertAccessible(page);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("新增報備（登錄）")).click();

        // 1: where, by code
        assertThat(page.getByText("第 1 步，共 5 步（20%）")).isVisible();
        Browser.assertAccessible(page);
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).fill(site);
        button(page, "下一步").click();
        // 2
        assertThat(page.getByText("第 2 步，共 5 步（40%）")).isVisible();
        button(page, "下一步").click();
        assertThat(page.getByText("請修正以下問題：")).isVisible();
        assertThat(page.getByLabel("科別")).hasAttribute("aria-invalid", "true");
        Browser.assertAccessible(page);
        page.getByLabel("科別").selectOption("02");
        page.getByLabel("支援內容").fill("支援內科門診");
        button(page, "下一步").click();
        // 3: a date that is not a date first
        page.getByLabel("支援起日").fill("115/02/30");
        page.getByLabel("支援迄日").fill(roc(fixtures.today().plusDays(60)));
        button(page, "下一步").click();
        assertThat(page.getByLabel("支援起日")).hasAttribute("aria-invalid", "true");
        page.getByLabel("支援起日").fill(roc(fixtures.today().plusDays(7)));
        button(page, "下一步").click();
        // 4: a weekly slot, and a specific date added and removed again
        assertThat(page.getByText("第 4 步，共 5 步（80%）")).isVisible();
        page.getByLabel("星期或日期").selectOption("TUESDAY");
        page.getByLabel("開始時間").fill("13:30");
        page.getByLabel("結束時間").fill("17:30");
        button(page, "新增指定日期").click();
        assertThat(page.getByText("指定日期 1")).isVisible();
        Browser.assertAccessible(page);
        button(page, "刪除時段 1").last().click();
        assertThat(page.getByText("指定日期 1")).isHidden();
        button(page, "下一步").click();
        // 5: review, file
        assertThat(page.getByText("第 5 步，共 5 步（100%）")).isVisible();
        String wizardUrl = page.url();
        assertThat(page.getByText("星期二 13:30–17:30")).isVisible();
        Browser.screenshot(page, "file-review-" + viewport);
        assertNoSidewaysScroll(page);
        Browser.assertAccessible(page);
        button(page, "送出（登錄）").click();
        assertThat(page.getByText("已送出，等待衛生局審核。")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING).first()).containsText("待審");
        Browser.screenshot(page, "report-detail-" + viewport);
        assertNoSidewaysScroll(page);
        Browser.assertAccessible(page);

        // filing twice is harmless: 送出 again (a double click, a resent form) opens the same report
        String reportUrl = page.url();
        String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
        var again = context.request().post(wizardUrl, com.microsoft.playwright.options.RequestOptions.create()
                .setHeader("X-CSRF-TOKEN", csrf).setForm(com.microsoft.playwright.options.FormData.create()
                        .set("action", "submit")).setMaxRedirects(0));
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.headers().get("location")).endsWith(reportUrl.replaceAll("^https?://[^/]+", "")
                .replaceAll("\\?.*", ""));
        page.navigate("/");
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        assertThat(page.locator("table.reports").getByText("待審")).isVisible();
        Browser.screenshot(page, "start-" + viewport);
        assertNoSidewaysScroll(page);
        // 查詢: a filter that matches nothing, one that matches, and the exports of what is shown
        page.getByLabel("狀態").selectOption("APPROVED");
        button(page, "查詢").click();
        assertThat(page.getByText("沒有符合條件的報備。")).isVisible();
        page.getByLabel("狀態").selectOption("SUBMITTED");
        page.getByLabel("支援期間自").fill(roc(fixtures.today()));
        button(page, "查詢").click();
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        var download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("下載 Excel（.xlsx）")).click());
        assertThat(download.suggestedFilename()).isEqualTo("reports.xlsx");
        page.getByLabel("支援期間自").fill("115/13/01");
        button(page, "查詢").click();
        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        Browser.assertAccessible(page);
        page.navigate("/");

        page.locator("table.reports a").first().click();
        page.getByLabel("原因").first().fill("時間無法配合");
        button(page, "撤回").click();
        assertThat(page.getByText("已撤回。")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING).first()).containsText("撤回");
        assertThat(page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName("時間無法配合"))).isVisible();
    }

    @Test
    void anOverlapIsShownWithTheConflictingCaseAndTheStepToFix() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        Page page = signedIn("practitioner:" + person, Browser.Viewport.DESKTOP);
        String first = file(page, fixtures.institution("63000"), "WEDNESDAY", "09:00", "12:00");
        assertThat(first).isNotBlank();

        // the timetable on the schedule step shows the filed report, and the new slot live, in conflict with it
        page.navigate("/reports/new");
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).fill(fixtures.institution("63000"));
        button(page, "下一步").click();
        page.getByLabel("科別").selectOption("02");
        page.getByLabel("支援內容").fill("門診");
        button(page, "下一步").click();
        page.getByLabel("支援起日").fill(roc(fixtures.today().plusDays(7)));
        page.getByLabel("支援迄日").fill(roc(fixtures.today().plusDays(40)));
        button(page, "下一步").click();
        var timetable = page.locator("figure.timetable");
        assertThat(timetable.locator("svg rect")).hasCount(1);
        assertThat(timetable.locator(".conflicts")).isEmpty();
        page.getByLabel("星期或日期").selectOption("WEDNESDAY");
        page.getByLabel("開始時間").fill("11:00");
        page.getByLabel("結束時間").fill("13:00");
        assertThat(timetable.locator("svg rect")).hasCount(2);
        assertThat(timetable.locator("svg rect[stroke='#b00020']")).hasCount(2);
        assertThat(timetable.locator(".conflicts")).containsText("衝突");
        assertThat(timetable.locator(".legend").getByText("本次申請")).isVisible();
        Browser.screenshot(page, "timetable-live");
        Browser.assertAccessible(page);
        file(page, fixtures.institution("63000"), "WEDNESDAY", "11:00", "13:00");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("重疊");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText(first);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("回到第 4 步：支援時段")))
                .isVisible();
        Browser.assertAccessible(page);
        String conflicting = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("查看衝突的報備（案號 " + first + "）")).getAttribute("href");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("回到第 4 步：支援時段")).click();
        assertThat(page.locator("p.error").filter(new Locator.FilterOptions().setHasText("重疊"))).isVisible();
        page.navigate(conflicting);
        assertThat(page.locator("h1")).containsText(first);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Browser.Viewport.class)
    void aReturnedReportIsCorrectedThenChangedThenCancelledThroughThePages(Browser.Viewport viewport) {
        String home = fixtures.institution("66000");
        String person = fixtures.practitioner(home);
        String actor = "practitioner:" + person;
        var start = fixtures.today().plusDays(3);
        long id = api.post(actor, "/api/v1/submissions", tw.gov.mohw.support.support.Api.report(person,
                fixtures.institution("66000"), start.toString(), start.plusDays(60).toString(), "FRIDAY", "09:00",
                "12:00"), java.util.Map.of("Idempotency-Key", "pages-" + person)).body().get("id").asLong();
        api.post("reviewer:66000:pages", "/api/v1/reports/" + id + "/decisions",
                java.util.Map.of("decision", "RETURN", "reason", "請確認支援時段"));

        Page page = signedIn(actor, viewport);
        page.navigate("/");
        var waiting = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("需要您處理"));
        waiting.getByRole(AriaRole.LINK).first().click();
        assertThat(page.getByText("請確認支援時段").first()).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("補正")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("補正").setExact(true)))
                .isVisible();
        assertThat(page.getByText("請確認支援時段")).isVisible();
        Browser.assertAccessible(page);
        button(page, "下一步").click();
        button(page, "下一步").click();
        page.getByLabel("開始時間").fill("13:00");
        page.getByLabel("結束時間").fill("16:00");
        button(page, "下一步").click();
        button(page, "送出補正").click();
        assertThat(page.getByText("已補正並重新送出。")).isVisible();

        api.post("reviewer:66000:pages", "/api/v1/reports/" + id + "/decisions", java.util.Map.of("decision",
                "APPROVE"));
        page.reload();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("列印核准通知（PDF）")))
                .isVisible();
        var pdf = context.request().get(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("列印核准通知（PDF）")).getAttribute("href"));
        assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("申請變更")).click();
        page.getByLabel("支援內容").fill("支援內科及家醫科門診");
        button(page, "下一步").click();
        button(page, "下一步").click();
        button(page, "下一步").click();
        button(page, "送出變更申請").click();
        assertThat(page.getByLabel("變更原因")).hasAttribute("aria-invalid", "true");
        page.getByLabel("變更原因").fill("增加看診科別");
        button(page, "送出變更申請").click();
        assertThat(page.getByText("已申請變更，等待衛生局審核；原核准內容在核准變更前繼續有效。")).isVisible();
        Browser.assertAccessible(page);

        api.post("reviewer:66000:pages", "/api/v1/reports/" + id + "/decisions", java.util.Map.of("decision",
                "APPROVE"));
        page.reload();
        page.getByLabel("自何日起註銷").fill(roc(fixtures.today().plusDays(20)));
        page.getByLabel("原因").last().fill("支援機構業務調整");
        button(page, "註銷").click();
        assertThat(page.getByText("已註銷。")).isVisible();
        assertThat(page.locator("h1")).containsText("註銷");
        Browser.screenshot(page, "cancelled-" + viewport);
        assertNoSidewaysScroll(page);
    }

    @Test
    void aClerkFilesForOneOfTheirStaffAndFindsTheSiteByName() {
        String home = fixtures.institution("64000");
        String person = fixtures.practitioner(home);
        String site = fixtures.institution("64000");
        Page page = signedIn("institution:" + home, Browser.Viewport.PHONE);
        page.navigate("/reports/new");
        page.getByLabel("支援人員").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
        String name = page.evaluate("n => n", "測試診所" + Integer.parseInt(site.substring(2))).toString();
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).fill(name);
        button(page, "下一步").click();
        if (page.getByText("找到多個機構，請選擇一個").isVisible()) {
            page.getByLabel(Pattern.compile(".*（" + site + "）")).check();
            button(page, "下一步").click();
        }
        assertThat(page.getByText("支援機構：" + name)).isVisible();
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        Browser.screenshot(page, "file-phone");
        Browser.assertAccessible(page);
    }

    @Test
    void theSupportedInstitutionsClerkAgreesOnline() {
        String home = fixtures.institution("65000");
        String site = fixtures.institution("65000");
        String person = fixtures.practitioner(home);
        Page applicant = signedIn("practitioner:" + person, Browser.Viewport.DESKTOP);
        file(applicant, site, "THURSDAY", "18:00", "21:00"); // the review step asks for consent by default
        assertThat(applicant.getByText("等待支援機構同意")).isVisible();
        context.close();

        Page clerk = signedIn("institution:" + site, Browser.Viewport.DESKTOP);
        clerk.navigate("/");
        var waiting = clerk.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("等待本機構同意的支援"));
        assertThat(waiting).isVisible();
        Browser.assertAccessible(clerk);
        waiting.getByRole(AriaRole.LINK).first().click();
        assertThat(clerk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("此報備請本機構同意支援")))
                .isVisible();
        Browser.screenshot(clerk, "consent");
        Browser.assertAccessible(clerk);
        button(clerk, "同意").click();
        assertThat(clerk.getByText("已同意，申請人及衛生局會看到。")).isVisible();
        assertThat(clerk.getByText(Pattern.compile("支援機構已同意（.*）"))).isVisible();
    }

    private static void assertNoSidewaysScroll(Page page) {
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no horizontal scrolling on " + page.url()).isTrue();
    }

    /** Files through the five steps; returns the case number shown, or "" when the review shows problems. */
    private String file(Page page, String site, String day, String from, String to) {
        page.navigate("/reports/new");
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).fill(site);
        button(page, "下一步").click();
        page.getByLabel("科別").selectOption("02");
        page.getByLabel("支援內容").fill("門診");
        button(page, "下一步").click();
        page.getByLabel("支援起日").fill(roc(fixtures.today().plusDays(7)));
        page.getByLabel("支援迄日").fill(roc(fixtures.today().plusDays(40)));
        button(page, "下一步").click();
        page.getByLabel("星期或日期").selectOption(day);
        page.getByLabel("開始時間").fill(from);
        page.getByLabel("結束時間").fill(to);
        button(page, "下一步").click();
        button(page, "送出（登錄）").click();
        if (page.getByText("已送出，等待衛生局審核。").isVisible()) {
            return page.locator("h1 span").first().textContent().replace("案號", "").strip();
        }
        return "";
    }
}
