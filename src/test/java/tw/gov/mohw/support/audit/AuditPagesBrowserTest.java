package tw.gov.mohw.support.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** 稽核紀錄: search by subject, and the verification button, for system administrators only. */
@IntegrationTest
class AuditPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired AuditTrail trail;

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
    void aSystemAdministratorSearchesAndVerifiesTheChain() {
        String subject = "audit-page-" + System.nanoTime();
        trail.append(Instant.now(), "test:audit-page", "test.page", subject, "公開測試");
        String person = tw.gov.mohw.support.registry.NationalId.generate('Q', '1', (int) (System.nanoTime() % 9_000_000))
                .value();
        trail.append(Instant.now(), "practitioner:" + person, "report.reject", "report:424242",
                "status=REJECTED case=" + subject + " reason=資料不全");
        String base = signIns.baseUrl();
        BrowserContext context = browser.context(Browser.DESKTOP, base);
        Page page = page(context, "system-admin:auditor");
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("稽核紀錄")).click();
        page.getByLabel("案號或帳號").fill(subject);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查詢")).click();
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        assertThat(page.getByText("公開測試")).isVisible();
        // read as people read it: Chinese labels, masked IDs (the entry as recorded stays in the database)
        page.getByLabel("案號或帳號").fill("practitioner:" + person);
        page.getByLabel("案號或帳號").press("Enter");
        var entry = page.locator("table.reports tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("報備 #424242"));
        assertThat(page.locator("table.reports tbody tr")).hasCount(1);
        assertThat(entry).containsText("醫事人員 " + person.substring(0, 6) + "****");
        assertThat(entry).containsText("駁回");
        assertThat(entry).containsText("狀態：駁回；案號：" + subject + "；原因：資料不全");
        assertThat(entry).not().containsText(person);
        assertThat(entry).not().containsText("report.reject");
        assertThat(entry).not().containsText("status=");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("驗證雜湊鏈")).click();
        // other tests in this run tamper with the trail on purpose: the page says what the chain holds now
        var truth = trail.verify();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText(truth.intact() ? "雜湊鏈完整"
                : "雜湊鏈在第 " + truth.brokenAt() + " 筆中斷");
        assertThat(page.getByRole(AriaRole.STATUS)).not().containsText(truth.intact() ? "中斷" : "雜湊鏈完整");
        Browser.assertAccessible(page);
        context.close();

        BrowserContext other = browser.context(Browser.DESKTOP, base);
        Page reviewer = page(other, "reviewer:63000:nosy");
        reviewer.navigate("/admin/audit");
        assertThat(reviewer.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("您沒有權限查看此頁。")))
                .isVisible();
        other.close();
    }
}
