package tw.gov.mohw.support.batch;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Browser;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * 批次報備 as a clerk does it, at both sizes: from the start page to the template, a filled-in workbook with a
 * mistake uploaded (by keyboard), the progress and the preview with the mistake told in Chinese by row and column,
 * the ready row filed, the result workbook downloaded; a wrong address answers 404. Each page passes axe.
 */
@IntegrationTest
class BatchBrowserTest {

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
    void aClerkFilesForTheirStaffFromATemplate() throws Exception {
        run(Browser.Viewport.DESKTOP);
    }

    @Test
    void onAPhoneToo() throws Exception {
        run(Browser.Viewport.PHONE);
    }

    private void run(Browser.Viewport viewport) throws Exception {
        String home = fixtures.institution("63000");
        String site = fixtures.institution("65000");
        String good = fixtures.practitioner(home);
        String late = fixtures.practitioner(home);
        BrowserContext context = browser.signedIn(signIns.baseUrl(), signIns.session("institution:" + home),
                viewport);
        Page page = context.newPage();
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("批次報備")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("批次報備"))).isVisible();
        Browser.assertAccessible(page);

        var download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("下載範本（Excel）")).click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).endsWith(".xlsx");
        List<String> header = new ArrayList<>();
        List<String> sheets = new ArrayList<>();
        try (var template = new ReadableWorkbook(Files.newInputStream(download.path()))) {
            template.getSheets().map(Sheet::getName).forEach(sheets::add);
            var first = template.getFirstSheet().openStream().findFirst().orElseThrow();
            for (int c = 0; c < first.getCellCount(); c++) {
                header.add(first.getCellText(c));
            }
        }
        org.assertj.core.api.Assertions.assertThat(sheets).contains("報備資料", "說明");

        // the clerk fills the template's columns: one row right, one starting on a day that does not exist
        String start = RocDates.formatCompact(fixtures.today().plusDays(30));
        String end = RocDates.formatCompact(fixtures.today().plusDays(60));
        Path filled = Files.createTempFile("batch", ".xlsx");
        Files.write(filled, workbook(header, List.of(
                List.of(good, site, "一般支援", "01 家醫科", "門診支援", start, end, "週一 09:00-12:00", ""),
                List.of(late, site, "一般支援", "01 家醫科", "門診支援", "1151332", end, "週二 09:00-12:00", ""))));
        page.getByLabel("選擇填好的檔案").setInputFiles(filled);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上傳並檢查")).focus();
        page.keyboard().press("Enter");

        // the check runs in the background; the page follows it and then shows the rows
        assertThat(page.getByText("可報備：1 列")).isVisible();
        assertThat(page.getByText("有錯誤：1 列")).isVisible();
        var badRow = page.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName("3"))));
        assertThat(badRow).containsText("有錯誤");
        assertThat(badRow).containsText("支援起日：");
        Browser.assertAccessible(page);
        org.assertj.core.api.Assertions.assertThat((Boolean) page.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        Browser.screenshot(page, "batch-preview-" + viewport.name().toLowerCase());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("報備 1 列")).click();
        assertThat(page.getByText("已報備：1 列")).isVisible();
        var goodRow = page.locator("tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName("2"))));
        assertThat(goodRow).containsText("已報備");
        Browser.assertAccessible(page);

        var result = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("下載結果（Excel）")).click());
        List<String> statuses = new ArrayList<>();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(Files.readAllBytes(result.path())))) {
            workbook.getFirstSheet().openStream().skip(1).forEach(r -> statuses.add(r.getCellText(header.size())));
        }
        org.assertj.core.api.Assertions.assertThat(statuses).containsExactly("已報備", "有錯誤");

        // its case number leads to the report
        goodRow.getByRole(AriaRole.LINK).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
        org.assertj.core.api.Assertions.assertThat(page.url()).matches(".*/reports/\\d+");

        // a wrong address
        var missing = page.navigate("/batches/999999999");
        org.assertj.core.api.Assertions.assertThat(missing.status()).isEqualTo(404);
        Browser.assertAccessible(page);
        context.close();
    }

    private static byte[] workbook(List<String> header, List<List<String>> rows) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var wb = new Workbook(out, "test", "1.0")) {
            var ws = wb.newWorksheet("報備資料");
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    ws.value(r + 1, c, rows.get(r).get(c));
                }
            }
        }
        return out.toByteArray();
    }
}
