package tw.gov.mohw.support.report.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.ReportQuery;
import tw.gov.mohw.support.report.ReportSummary;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;

/**
 * 查詢's result as CSV (UTF-8 with a BOM, so Excel reads the Chinese) or .xlsx: the same filters and the same scope
 * as the start page, every page of the result up to {@link #MAX_ROWS}, IDs masked, dates in ROC form.
 */
@Controller
class ReportExports {

    static final int MAX_ROWS = 10_000;

    private final SupportReports reports;
    private final MessageSource messages;

    ReportExports(SupportReports reports, MessageSource messages) {
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/reports/export.csv")
    void csv(@AuthenticationPrincipal Actor actor, SearchForm search, HttpServletResponse response, Locale locale)
            throws IOException {
        List<ReportSummary> rows = rows(actor, search);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"reports.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        out.write(String.join(",", header(locale).stream().map(ReportExports::csvCell).toList()));
        out.write("\r\n");
        for (ReportSummary r : rows) {
            out.write(String.join(",", cells(r, locale).stream().map(ReportExports::csvCell).toList()));
            out.write("\r\n");
        }
        out.flush();
    }

    @GetMapping("/reports/export.xlsx")
    void xlsx(@AuthenticationPrincipal Actor actor, SearchForm search, HttpServletResponse response, Locale locale)
            throws IOException {
        List<ReportSummary> rows = rows(actor, search);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"reports.xlsx\"");
        OutputStream out = response.getOutputStream();
        Workbook workbook = new Workbook(out, "support-report", "1.0");
        Worksheet sheet = workbook.newWorksheet(text("start.title", locale));
        List<String> header = header(locale);
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
            sheet.style(0, c).bold().set();
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = cells(rows.get(i), locale);
            for (int c = 0; c < cells.size(); c++) {
                sheet.value(i + 1, c, cells.get(c));
            }
        }
        workbook.finish();
    }

    /** Every page of the result, in the caller's scope, up to the cap. */
    private List<ReportSummary> rows(Actor actor, SearchForm search) {
        List<ReportSummary> rows = new ArrayList<>();
        for (int page = 0; rows.size() < MAX_ROWS; page++) {
            ReportQuery query = search.query(page, ReportQuery.MAX_SIZE, SearchForm.problems());
            var result = reports.search(actor, query);
            rows.addAll(result.items());
            if (result.items().size() < ReportQuery.MAX_SIZE) {
                break;
            }
        }
        return rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
    }

    private List<String> header(Locale locale) {
        return List.of(text("report.caseNumber", locale), text("report.approvalNumber", locale),
                text("report.status", locale), text("report.person", locale), text("export.maskedId", locale),
                text("report.home", locale), text("report.supported", locale), text("report.category", locale),
                text("export.periodStart", locale), text("export.periodEnd", locale));
    }

    private List<String> cells(ReportSummary r, Locale locale) {
        return List.of(nz(r.caseNumber()), nz(r.approvalNumber()),
                text("enum.ReportStatus." + r.status(), locale) + (r.ended() ? "（" + text("report.ended", locale) + "）"
                        : ""),
                nz(r.practitionerName()), nz(r.maskedNationalId()), nz(r.homeInstitutionName()),
                nz(r.supportedInstitutionName()), text("enum.SupportCategory." + r.category(), locale),
                r.periodStart() == null ? "" : RocDates.formatShort(r.periodStart()),
                r.periodEnd() == null ? "" : RocDates.formatShort(r.periodEnd()));
    }

    /** Quoted, and a leading =, +, - or @ defused so a spreadsheet never runs a cell as a formula. */
    static String csvCell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
