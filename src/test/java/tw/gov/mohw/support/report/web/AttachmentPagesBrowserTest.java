package tw.gov.mohw.support.report.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * 附件 in the browser: the person uploads a consent form (a wrong kind of file first), the deciding bureau's
 * reviewer downloads it as it was, the person removes it.
 */
@IntegrationTest
class AttachmentPagesBrowserTest {

    private static Browser browser;

    @Autowired SignIns signIns;
    @Autowired Api api;
    @Autowired Fixtures fixtures;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @ParameterizedTest
    @EnumSource(Browser.Viewport.class)
    void uploadDownloadRemove(Browser.Viewport viewport) throws Exception {
        String person = fixtures.practitioner(fixtures.institution("65000"));
        var start = fixtures.today().plusDays(11);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("65000"), start.toString(), start.plusMonths(1).toString(), "THURSDAY", "09:00",
                "10:00"), Map.of("Idempotency-Key", "att-page-" + person)).body().get("id").asLong();
        byte[] pdf;
        try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            pdf = out.toByteArray();
        }

        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("practitioner:" + person), viewport);
        Page page = context.newPage();
        page.navigate("/reports/" + id);
        assertThat(page.getByText("沒有附件。")).isVisible();
        page.getByLabel("選擇檔案（例如支援同意書）").setInputFiles(new FilePayload("同意書.pdf", "application/pdf",
                "not really a pdf".getBytes()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上傳附件")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("只接受 PDF、JPEG 或 PNG 檔案。");
        assertThat(page.getByText("沒有附件。")).isVisible();

        page.getByLabel("選擇檔案（例如支援同意書）").setInputFiles(new FilePayload("支援同意書.pdf", "application/pdf", pdf));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上傳附件")).click();
        assertThat(page.getByText("已上傳附件「支援同意書.pdf」。")).isVisible();
        assertThat(page.locator("ul.attachments")).containsText("PDF");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "attachments-" + viewport);

        BrowserContext reviewer = browser.signedIn(signIns.baseUrl(), signIns.session("reviewer:65000:attpage"), viewport);
        Page review = reviewer.newPage();
        review.navigate("/reports/" + id);
        assertThat(review.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上傳附件"))).hasCount(0);
        var download = review.waitForDownload(() -> review.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("支援同意書.pdf")).click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("支援同意書.pdf");
        org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(download.path())).isEqualTo(pdf);
        reviewer.close();

        // under review it stays; returned, the person may remove it
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("移除「支援同意書.pdf」")))
                .hasCount(0);
        api.post("reviewer:65000:attpage", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "RETURN", "reason", "請換成簽章版"));
        page.reload();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("移除「支援同意書.pdf」")).click();
        assertThat(page.getByText("已移除附件。")).isVisible();
        assertThat(page.getByText("沒有附件。")).isVisible();
        context.close();
    }
}
