package tw.gov.mohw.support.report.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.report.RuleParameters;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * 類別及規則參數 in the browser: a system administrator's bad number is refused by its field and changes nothing; a
 * good save becomes version 1 and is in force; nobody else may open the page.
 */
@IntegrationTest
class RulesPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired Api api;
    @Autowired RuleParameters parameters;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    /** Other tests share this application: leave the parameters as configured. */
    @AfterEach
    void restore() {
        jdbc.sql("delete from rule_parameters").update();
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
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("system-admin:rulesadmin"),
                viewport);
        Page page = context.newPage();
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("類別及規則參數")).click();
        assertThat(page.getByText("目前生效：系統設定檔的初始值（尚無人儲存過）。")).isVisible();
        assertThat(page.locator("#open_FREE_CLINIC")).isChecked();
        assertThat(page.locator("#maxMonths")).hasValue("12");
        Browser.assertAccessible(page);

        page.locator("#maxMonths_OTHER").fill("兩個月");
        page.locator("#open_FREE_CLINIC").uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("儲存為第 1 版")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("尚未儲存");
        assertThat(page.locator("#maxMonths_OTHER")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#maxMonths_OTHER-error")).hasText("請填 1 到 120 的整數。");
        assertThat(page.locator("#open_FREE_CLINIC")).not().isChecked(); // what was typed is kept
        Browser.assertAccessible(page);
        org.assertj.core.api.Assertions.assertThat(parameters.currentVersion()).isEmpty();

        page.locator("#maxMonths_OTHER").fill("2");
        page.locator("#cap_A").fill("40");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("儲存為第 1 版")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("已儲存第 1 版，自即刻起適用。");
        assertThat(page.locator("#open_FREE_CLINIC")).not().isChecked();
        assertThat(page.locator("#maxMonths_OTHER")).hasValue("2");
        assertThat(page.locator("#cap_A")).hasValue("40");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("staff:rulesadmin");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "rules-" + viewport.name().toLowerCase());

        var inForce = parameters.current();
        org.assertj.core.api.Assertions.assertThat(inForce.open(SupportCategory.FREE_CLINIC)).isFalse();
        org.assertj.core.api.Assertions.assertThat(inForce.maxPeriod(SupportCategory.OTHER))
                .isEqualTo(java.time.Period.ofMonths(2));
        org.assertj.core.api.Assertions.assertThat(inForce.weeklyHoursCap(SupportCategory.REGULAR, "A")).isEqualTo(40);
        context.close();
    }

    @Test
    void nobodyButASystemAdministratorOpensIt() {
        for (String actor : new String[] {"bureau-admin:63000:rulesba", "reviewer:63000:rulesrv",
                "national-viewer:rulesnv"}) {
            var answer = api.get(actor, "/admin/rules");
            org.assertj.core.api.Assertions.assertThat(answer.status()).as(actor).isEqualTo(403);
            org.assertj.core.api.Assertions.assertThat(answer.raw()).contains("只有系統管理者可以設定類別及規則參數");
        }
    }
}
