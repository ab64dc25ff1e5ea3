package tw.gov.mohw.support.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** 帳號管理 in the browser: a bureau administrator creates a reviewer, sees the credentials once, disables it. */
@IntegrationTest
class StaffPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;

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
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("建立帳號")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("已建立帳號 " + username)))
                .isVisible();
        assertThat(page.locator("dl.facts code").first()).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9]{16}"));
        Browser.assertAccessible(page);
        Browser.screenshot(page, "staff-admin");
        page.navigate("/admin/staff"); // shown once
        assertThat(page.getByText("初始密碼")).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("停用 " + username)).click();
        assertThat(page.getByText("已停用 " + username + "，其所有登入均已結束。")).isVisible();
        page.getByLabel("帳號", new Page.GetByLabelOptions().setExact(true)).fill("Bad Name");
        page.getByLabel("姓名或職稱").fill("x");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("建立帳號")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("帳號須為");
        context.close();
    }
}
