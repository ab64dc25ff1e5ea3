package tw.gov.mohw.support.notification;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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

/**
 * 通知設定 in the browser, at both sizes: a bad address is refused next to its field and nothing is saved; a good
 * one is saved; the next decision arrives in the test environment's mail outbox. Staff have no such page (403).
 */
@IntegrationTest
class NotificationPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired Api api;
    @Autowired NotificationContacts contacts;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void aPersonSetsAnEmailAndReadsTheApprovalInTheOutbox() {
        run(Browser.Viewport.DESKTOP);
    }

    @Test
    void onAPhoneToo() {
        run(Browser.Viewport.PHONE);
    }

    void run(Browser.Viewport viewport) {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        String actor = "practitioner:" + person;
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session(actor), viewport);
        Page page = context.newPage();
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("通知設定")).click();
        assertThat(page.getByText("留空時傳送至醫事人員資料登記的手機 0912***678。")).isVisible();

        page.getByLabel("電子郵件（郵件通知）").fill("wang at example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("儲存")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("尚未儲存");
        assertThat(page.getByLabel("電子郵件（郵件通知）")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByText("電子郵件格式不正確")).isVisible();
        Browser.assertAccessible(page);
        org.assertj.core.api.Assertions.assertThat(contacts.of(actor).email()).isNull();

        String email = "p" + person.substring(1).toLowerCase() + "@example.tw";
        page.getByLabel("電子郵件（郵件通知）").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("儲存")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("已儲存通知設定。");
        assertThat(page.getByLabel("電子郵件（郵件通知）")).hasValue(email);
        Browser.assertAccessible(page);
        Browser.screenshot(page, "notification-settings-" + viewport.name().toLowerCase());

        var start = fixtures.today().plusDays(9);
        var filed = api.post(actor, "/api/v1/submissions", Api.report(person, fixtures.institution("63000"),
                start.toString(), start.plusMonths(1).toString(), "FRIDAY", "09:00", "12:00"),
                Map.of("Idempotency-Key", "browser-notify-" + System.nanoTime()));
        api.post("reviewer:63000:nina", "/api/v1/reports/" + filed.body().get("id").asLong() + "/decisions",
                Map.of("decision", "APPROVE"));
        page.navigate("/test-environment/mail-outbox");
        var mail = page.locator("article.mail").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(email));
        for (int i = 0; i < 30 && mail.count() == 0; i++) { // the sender polls every 2 s
            page.waitForTimeout(500);
            page.reload();
        }
        assertThat(mail.first().locator("h2")).hasText("【報備支援系統】報備支援申請已核准（案號 "
                + filed.text("/caseNumber") + "）");
        Browser.assertAccessible(page);
        context.close();
    }

    @Test
    void aSystemAdministratorSeesAGivenUpMessageAndSendsItAgain() {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        String email = "again-" + person.toLowerCase() + "@example.tw";
        contacts.save("practitioner:" + person, new NotificationContacts.Contact(null, email));
        var start = fixtures.today().plusDays(9);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusMonths(1).toString(), "FRIDAY", "14:00",
                "15:00"), Map.of("Idempotency-Key", "admin-notify-" + person)).body().get("id").asLong();
        api.post("reviewer:63000:nina", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "REJECT",
                "reason", "重複報備"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "select count(*) from notification where report_id = ? and channel = 'EMAIL' and status = 'SENT'")
                .param(id).query(Long.class).single() == 1);
        // as if the mail server had refused it ten times
        jdbc.sql("update notification set status = 'FAILED', attempts = 10, last_error = 'the SMTP server did not "
                + "take the message' where report_id = ? and channel = 'EMAIL'").param(id).update();

        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("system-admin:notifyops"),
                Browser.Viewport.DESKTOP);
        Page page = context.newPage();
        page.navigate("/account");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("通知狀況")).click();
        var row = page.locator("table.reports tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("ag***@example.tw"));
        assertThat(row.first()).containsText("已放棄（試了 10 次）");
        assertThat(page.getByText(email)).hasCount(0); // masked
        Browser.assertAccessible(page);
        Browser.screenshot(page, "notification-status");
        row.first().getByRole(AriaRole.BUTTON).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("將立即重新傳送");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "select status from notification where report_id = ? and channel = 'EMAIL'").param(id)
                .query(String.class).single().equals("SENT"));
        context.close();
        org.assertj.core.api.Assertions.assertThat(api.get("reviewer:63000:nina", "/admin/notifications").status())
                .isEqualTo(403);
    }

    @Test
    void staffHaveNoNotificationSettings() {
        var answer = api.get("reviewer:63000:nina", "/account/notifications");
        org.assertj.core.api.Assertions.assertThat(answer.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(answer.raw()).contains("只有醫事人員及醫事機構可設定通知");
    }
}
