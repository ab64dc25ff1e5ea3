package tw.gov.mohw.support.announcement;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * 公告管理 in the browser: a bureau's administrator publishes (a bad date first), everyone sees it on both sign-in
 * pages, and it is gone once withdrawn. A reviewer may not manage announcements.
 */
@IntegrationTest
class AnnouncementPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired Api api;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void desktop() {
        run(Browser.Viewport.DESKTOP);
    }

    @Test
    void phone() {
        run(Browser.Viewport.PHONE);
    }

    void run(Browser.Viewport viewport) {
        String title = "測試環境開放 " + (System.nanoTime() % 100000);
        LocalDate today = LocalDate.now(RocDates.ZONE);
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("bureau-admin:66000:annadmin"),
                viewport);
        Page page = context.newPage();
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("公告管理")).click();
        page.getByLabel("標題").fill(title);
        page.getByLabel("內容").fill("新版報備支援系統測試環境開放中，\n歡迎試用。");
        page.getByLabel("顯示起日").fill(RocDates.formatCompact(today));
        page.getByLabel("顯示迄日").fill("115/2/30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("發布")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("尚未發布");
        assertThat(page.getByLabel("顯示迄日")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("標題")).hasValue(title);
        Browser.assertAccessible(page);

        page.getByLabel("顯示迄日").fill(RocDates.formatShort(today.plusDays(7)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("發布")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("已發布公告「" + title + "」。");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText(title);
        Browser.assertAccessible(page);
        Browser.screenshot(page, "announcements-admin-" + viewport.name().toLowerCase());

        BrowserContext visitor = browser.context(viewport == Browser.Viewport.PHONE ? Browser.PHONE : Browser.DESKTOP,
                signIns.baseUrl());
        Page login = visitor.newPage();
        for (String path : new String[] {"/login", "/staff/login"}) {
            login.navigate(path);
            var shown = login.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("公告"));
            assertThat(shown.getByRole(AriaRole.HEADING, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(title))).isVisible();
            assertThat(shown).containsText("臺中市");
            Browser.assertAccessible(login);
        }
        Browser.screenshot(login, "announcement-login-" + viewport.name().toLowerCase());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("撤下「" + title + "」")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("已撤下公告。");
        login.navigate("/login");
        assertThat(login.getByText(title)).hasCount(0);
        visitor.close();
        context.close();
    }

    @Test
    void aReviewerMayNotManageAnnouncements() {
        var answer = api.get("reviewer:66000:annrv", "/admin/announcements");
        org.assertj.core.api.Assertions.assertThat(answer.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(answer.raw()).contains("只有衛生局管理者及系統管理者可以管理公告");
    }
}
