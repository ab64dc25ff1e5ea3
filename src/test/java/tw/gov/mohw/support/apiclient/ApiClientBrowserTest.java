package tw.gov.mohw.support.apiclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * API 用戶端 as a clerk meets it, at both sizes: from the account page, a mistake told next to the form, a client
 * made by keyboard with its secret shown once, the secret gone on the next visit, the client revoked. Each page
 * passes axe.
 */
@IntegrationTest
class ApiClientBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void aClerkRegistersAClientForTheHospitalsSystem() {
        run(Browser.Viewport.DESKTOP);
    }

    @Test
    void onAPhoneToo() {
        run(Browser.Viewport.PHONE);
    }

    private void run(Browser.Viewport viewport) {
        String home = fixtures.institution("63000");
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("institution:" + home),
                viewport);
        Page page = context.newPage();
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API 用戶端")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API 用戶端").setLevel(1)))
                .isVisible();
        Browser.assertAccessible(page);

        // no permission ticked: told, nothing made
        page.getByLabel("名稱").fill("人事系統");
        page.getByLabel("名稱").press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("請至少勾選一項權限");
        assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);

        page.getByLabel("名稱").fill("人事系統");
        page.getByLabel("查詢本機構的報備案件（reports.read）").check();
        page.getByLabel("為本機構人員報備（reports.file）").check();
        page.getByLabel("名稱").press("Enter");
        var secret = page.locator("dd code").nth(1);
        assertThat(secret).hasText(java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}"));
        String shown = secret.textContent();
        assertThat(page.getByText("密鑰只顯示這一次")).isVisible();
        Browser.assertAccessible(page);
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        Browser.screenshot(page, "api-clients-" + viewport.name().toLowerCase());

        // the next visit lists the client, never its secret
        page.navigate("/api-clients");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("人事系統");
        org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain(shown);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("撤銷「人事系統」")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("已撤銷用戶端");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("已於");
        Browser.assertAccessible(page);
        context.close();
    }
}
