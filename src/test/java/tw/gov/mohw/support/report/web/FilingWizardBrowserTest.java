package tw.gov.mohw.support.report.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * The filing wizard as people use it with a keyboard: Enter moves forward on every step, focus lands on the
 * problems or the step's heading, the problems name their fields by their labels, the title stays what the person
 * set out to do, and the live timetable draws and announces a dated slot too — at desktop and phone width.
 */
@IntegrationTest
class FilingWizardBrowserTest {

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
        if (context != null) {
            context.close();
        }
    }

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

    @ParameterizedTest
    @EnumSource(Browser.Viewport.class)
    void enterMovesForwardOnEveryStepAndFocusGoesWhereTheStepNeedsIt(Browser.Viewport viewport) {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        Page page = signedIn("practitioner:" + person, viewport);
        page.navigate("/reports/new");
        // 1: focus on the step's heading; Enter in the institution field moves on
        assertThat(page.getByText("第 1 步，共 5 步（20%）")).isVisible();
        assertThat(page.locator("#step-heading")).isFocused();
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).fill(fixtures.institution("63000"));
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).press("Enter");
        // 2: nothing filled: the problems, each named by its label, get the focus
        assertThat(page.getByText("第 2 步，共 5 步（40%）")).isVisible();
        button(page, "下一步").press("Enter");
        var summary = page.locator("#error-summary");
        assertThat(summary).containsText("科別：請選擇支援科別。");
        assertThat(summary).containsText("支援內容：請填寫支援內容。");
        assertThat(summary).not().containsText("支援事由");
        assertThat(page.locator("#error-summary")).isFocused();
        Browser.assertAccessible(page);
        page.getByLabel("科別").selectOption("02");
        page.getByLabel("支援內容").fill("支援內科門診");
        button(page, "下一步").click();
        // 3: typing both dates and pressing Enter lands on step 4, not back on step 2
        assertThat(page.getByText("第 3 步，共 5 步（60%）")).isVisible();
        assertThat(page.locator("#step-heading")).isFocused();
        page.getByLabel("支援起日").fill(roc(fixtures.today().plusDays(7)));
        page.getByLabel("支援迄日").fill(roc(fixtures.today().plusDays(60)));
        page.getByLabel("支援迄日").press("Enter");
        assertThat(page.getByText("第 4 步，共 5 步（80%）")).isVisible();
        // 4: Enter with the times empty: each problem says which slot and which field — not twice the same words
        page.getByLabel("結束時間").press("Enter");
        assertThat(page.getByText("第 4 步，共 5 步（80%）")).isVisible();
        assertThat(summary).containsText("每週時段 1 開始時間：此欄位為必填。");
        assertThat(summary).containsText("每週時段 1 結束時間：此欄位為必填。");
        assertThat(page.getByLabel("開始時間")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("開始時間")).hasAttribute("aria-describedby", "ws-0-error");
        assertThat(page.locator("#error-summary")).isFocused();
        Browser.assertAccessible(page);
        // the summary's link goes to the field
        summary.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("每週時段 1 開始時間：此欄位為必填。"))
                .click();
        assertThat(page.locator("#ws-0")).isFocused();
        page.getByLabel("星期或日期").selectOption("TUESDAY");
        page.getByLabel("開始時間").fill("13:30");
        page.getByLabel("結束時間").fill("17:30");
        // Enter in the last field files nothing away and removes no slot: it moves on
        page.getByLabel("結束時間").press("Enter");
        assertThat(page.getByText("第 5 步，共 5 步（100%）")).isVisible();
        assertThat(page.getByText("星期二 13:30–17:30")).isVisible();
        // 5: the draft is saved by now, and the title is still what the person set out to do
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("新增報備（登錄）");
        assertThat(page).hasTitle(java.util.regex.Pattern.compile("^新增報備（登錄）"));
        assertThat(page.locator("#step-heading")).isFocused();
        Browser.assertAccessible(page);
        // Enter in the step's one field files it
        page.getByLabel("送出後請支援機構以電子方式同意（免附同意書）").press("Enter");
        assertThat(page.getByText("已送出，等待衛生局審核。")).isVisible();
    }

    @ParameterizedTest
    @EnumSource(Browser.Viewport.class)
    void aDatedSlotIsDrawnLiveAndItsClashAnnouncedAndItsErrorsAreTiedToItsFields(Browser.Viewport viewport) {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        // a filed report on Wednesdays 09:00–12:00
        LocalDate start = fixtures.today().plusDays(14);
        api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person, fixtures.institution("63000"),
                start.toString(), start.plusDays(40).toString(), "WEDNESDAY", "09:00", "12:00"),
                Map.of("Idempotency-Key", "dated-" + person));
        Page page = signedIn("practitioner:" + person, viewport);
        page.navigate("/reports/new");
        page.getByLabel("支援機構", new Page.GetByLabelOptions().setExact(true)).fill(fixtures.institution("63000"));
        button(page, "下一步").click();
        page.getByLabel("科別").selectOption("02");
        page.getByLabel("支援內容").fill("夜間值班");
        button(page, "下一步").click();
        page.getByLabel("支援起日").fill(roc(start));
        page.getByLabel("支援迄日").fill(roc(start.plusDays(40)));
        button(page, "下一步").click();
        // the week shown is the first whole week of the period; its Wednesday is the filed report's
        LocalDate monday = start.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate wednesday = monday.plusDays(2);
        button(page, "刪除時段 1").click();
        button(page, "新增指定日期").click();
        page.getByLabel("日期（民國年/月/日）").fill(roc(wednesday));
        page.getByLabel("開始時間").fill("11:00");
        page.getByLabel("結束時間").fill("13:00");
        var timetable = page.locator("figure.timetable");
        assertThat(timetable.locator(".conflicts")).containsText("衝突");
        if (viewport == Browser.Viewport.PHONE) {
            // on a phone the week is a list by day, readable, instead of a picture of tiny labels
            assertThat(timetable.locator("svg")).isHidden();
            assertThat(timetable.locator(".day-list")).isVisible();
            assertThat(timetable.locator(".day-list")).containsText("週三");
            assertThat(timetable.locator(".day-list .error")).hasCount(2);
            double size = ((Number) page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                    + "'figure.timetable .day-list li')).fontSize)")).doubleValue();
            assertThat(size).isGreaterThanOrEqualTo(14.0);
        } else {
            assertThat(timetable.locator("svg rect[stroke='#b00020']")).hasCount(2);
        }
        Browser.assertAccessible(page);
        // a date that is no date: refused by the server, tied to its field
        page.getByLabel("日期（民國年/月/日）").fill("115/13/40");
        button(page, "下一步").click();
        assertThat(page.getByLabel("日期（民國年/月/日）")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("日期（民國年/月/日）")).hasAttribute("aria-describedby", "dd-0-error");
        assertThat(page.locator("#dd-0-error")).isVisible();
        assertThat(page.locator("#error-summary")).containsText("指定日期 1 日期（民國年/月/日）：");
        Browser.assertAccessible(page);
    }

    /** A report's page shows the first week the report holds a slot, not an empty week before it. */
    @Test
    void aReportsTimetableShowsItsFirstActiveWeek() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        // starting on a Wednesday, Mondays only: the week of the start holds nothing of it
        LocalDate start = fixtures.today().plusDays(21).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusDays(30).toString(), "MONDAY", "08:00",
                "12:00"), Map.of("Idempotency-Key", "first-week-" + person)).body().get("id").asLong();
        Page page = signedIn("practitioner:" + person, Browser.Viewport.DESKTOP);
        page.navigate("/reports/" + id);
        LocalDate firstMonday = start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        assertThat(page.locator("figure.timetable figcaption")).containsText(roc(firstMonday));
        assertThat(page.locator("figure.timetable svg rect")).hasCount(1);
    }
}
