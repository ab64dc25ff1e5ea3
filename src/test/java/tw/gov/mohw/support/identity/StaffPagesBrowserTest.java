package tw.gov.mohw.support.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** 帳號管理 in the browser: a bureau administrator creates a reviewer, sees the credentials once, disables it. */
@IntegrationTest
class StaffPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired StaffAccounts accounts;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void aBureauAdministratorCreatesAndDisablesAReviewer() {
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("bureau-admin:64000:pageadmin"),
                Browser.Viewport.DESKTOP);
        Page page = context.newPage();
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("帳號管理")).click();
        String username = "new-rv-" + (System.nanoTime() % 100000);
        page.getByLabel("帳號", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("姓名或職稱").fill("高雄審核員");
        // a reviewer's account needs its holder's ID: refused without, nothing made
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("建立帳號")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("本人身分證號");
        assertThat(page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(username))).hasCount(0);
        page.getByLabel("帳號", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("姓名或職稱").fill("高雄審核員");
        page.getByLabel("本人身分證號").fill(tw.gov.mohw.support.registry.NationalId.generate('Q', '8',
                (int) (System.nanoTime() % 1_000_000)).value());
        page.getByLabel("本人身分證號").press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("已建立帳號 " + username)))
                .isVisible();
        assertThat(page.locator("dl.facts code").first()).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9]{16}"));
        assertThat(page.getByText("初始密碼")).isVisible();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "staff-admin");
        page.navigate("/admin/staff"); // shown once
        assertThat(page.getByText("初始密碼")).hasCount(0);
        // the bureau by its name, not its code
        var created = page.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(username));
        assertThat(created).containsText("高雄市政府衛生局");
        assertThat(created).not().containsText("64000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("停用 " + username)).click();
        assertThat(page.getByText("已停用 " + username + "，其所有登入均已結束。")).isVisible();
        page.getByLabel("帳號", new Page.GetByLabelOptions().setExact(true)).fill("Bad Name");
        page.getByLabel("姓名或職稱").fill("x");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("建立帳號")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("帳號須為");
        context.close();
    }

    /** An account from before IDs were required: the administrator is told, and completes it on the page. */
    @Test
    void anAdministratorCompletesAReviewersNationalId() {
        String username = "old-rv-" + (System.nanoTime() % 100000);
        accounts.createKnown(new StaffAccounts.NewAccount(username, Actor.Role.REVIEWER, "66000", "舊帳號", null),
                "Old-Password-123", new byte[20]);
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("bureau-admin:66000:idadmin"),
                Browser.Viewport.PHONE);
        Page page = context.newPage();
        page.navigate("/admin/staff");
        assertThat(page.getByText("尚未登錄本人身分證號")).isVisible();
        var row = page.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(username));
        assertThat(row).containsText("未登錄，不能審核");
        Browser.assertAccessible(page);
        row.getByLabel("補登 " + username + " 的身分證號").fill("A12345678");
        row.getByLabel("補登 " + username + " 的身分證號").press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("身分證");
        String id = tw.gov.mohw.support.registry.NationalId.generate('Q', '8', (int) (System.nanoTime() % 1_000_000))
                .value();
        row = page.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(username));
        row.getByLabel("補登 " + username + " 的身分證號").fill(id);
        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("補登")).click();
        assertThat(page.getByText("已補登 " + username + " 的身分證號")).isVisible();
        row = page.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(username));
        assertThat(row).containsText(id.substring(0, 6) + "****");
        assertThat(row).not().containsText(id);
        org.assertj.core.api.Assertions.assertThat(accounts.find(username).orElseThrow().nationalId()).isEqualTo(id);
        Browser.assertAccessible(page);
        context.close();
    }
}
