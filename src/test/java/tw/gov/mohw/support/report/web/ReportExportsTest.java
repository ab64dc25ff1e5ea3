package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** 查詢's exports: the caller's scope and filters, masked IDs, ROC dates, Excel-safe cells. */
@IntegrationTest
class ReportExportsTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired Environment environment;

    private HttpResponse<byte[]> get(String actor, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + path)).header("Cookie", "SESSION="
                + signIns.session(actor).cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void csvAndXlsxHoldWhatTheStartPageShows() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        String other = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(10);
        for (String day : List.of("MONDAY", "FRIDAY")) {
            api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person, fixtures.institution("63000"),
                    start.toString(), start.plusDays(30).toString(), day, "09:00", "12:00"),
                    Map.of("Idempotency-Key", "export-" + day + person));
        }
        api.post("practitioner:" + other, "/api/v1/submissions", Api.report(other, fixtures.institution("63000"),
                start.toString(), start.plusDays(30).toString(), "MONDAY", "09:00", "12:00"),
                Map.of("Idempotency-Key", "export-" + other));

        var csv = get("practitioner:" + person, "/reports/export.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF\"案號\"");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        String masked = NationalId.parse(person).masked();
        assertThat(lines.get(1)).contains(masked).contains("待審").contains(RocDates.formatShort(start));
        assertThat(text).as("only what the caller may see").doesNotContain(person)
                .doesNotContain(NationalId.parse(other).masked());
        // the other person's report is there to be seen — by them
        assertThat(new String(get("practitioner:" + other, "/reports/export.csv").body(), StandardCharsets.UTF_8))
                .contains(NationalId.parse(other).masked());

        var xlsx = get("institution:" + home, "/reports/export.xlsx?status=SUBMITTED");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(4); // the header and the three reports of the clerk's staff
            assertThat(rows.get(0).getCellText(0)).isEqualTo("案號");
            assertThat(rows.get(1).getCellText(2)).isEqualTo("待審");
        }
        var none = get("institution:" + home, "/reports/export.csv?status=APPROVED");
        assertThat(new String(none.body(), StandardCharsets.UTF_8).lines().count()).isEqualTo(1);
    }

    @Test
    void aCellNeverRunsAsAFormula() {
        assertThat(ReportExports.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ReportExports.csvCell("+1")).isEqualTo("\"'+1\"");
        assertThat(ReportExports.csvCell("北市115-000001")).isEqualTo("\"北市115-000001\"");
        assertThat(ReportExports.csvCell(null)).isEqualTo("\"\"");
    }
}
