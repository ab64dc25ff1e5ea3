package tw.gov.mohw.support.report.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tw.gov.mohw.support.report.ReportStatistics;
import tw.gov.mohw.support.shared.Actor;

/** 統計 as bar charts (SVG drawn on the server, with the numbers as a table too) and as CSV. */
@Controller
class StatisticsPages {

    private final ReportStatistics statistics;
    private final MessageSource messages;

    StatisticsPages(ReportStatistics statistics, MessageSource messages) {
        this.statistics = statistics;
        this.messages = messages;
    }

    /** One bar: its label in the reader's language, the count, and its length in percent of the longest. */
    record Bar(String label, long count, double percent) {
    }

    record Chart(String dimension, String title, List<Bar> bars) {
    }

    @GetMapping("/statistics")
    String page(@AuthenticationPrincipal Actor actor, Model model, Locale locale) {
        var s = statistics.of(actor);
        model.addAttribute("stats", s);
        model.addAttribute("charts", s.counts().stream().map(c -> new Chart(c.dimension(),
                text("statistics.by." + c.dimension(), locale), c.rows().entrySet().stream()
                        .map(e -> new Bar(label(c.dimension(), e.getKey(), locale), e.getValue(),
                                c.max() == 0 ? 0 : 100.0 * e.getValue() / c.max())).toList())).toList());
        model.addAttribute("median", days(s.medianReview()));
        model.addAttribute("p90", days(s.p90Review()));
        return "reports/statistics";
    }

    @GetMapping("/statistics.csv")
    void csv(@AuthenticationPrincipal Actor actor, HttpServletResponse response, Locale locale) throws IOException {
        var s = statistics.of(actor);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"statistics.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        out.write(ReportExports.csvCell(text("statistics.csv.dimension", locale)) + ","
                + ReportExports.csvCell(text("statistics.csv.item", locale)) + ","
                + ReportExports.csvCell(text("statistics.csv.count", locale)) + "\r\n");
        for (var c : s.counts()) {
            for (var e : c.rows().entrySet()) {
                out.write(ReportExports.csvCell(text("statistics.by." + c.dimension(), locale)) + ","
                        + ReportExports.csvCell(label(c.dimension(), e.getKey(), locale)) + "," + e.getValue() + "\r\n");
            }
        }
        out.write(ReportExports.csvCell(text("statistics.median", locale)) + ",," + days(s.medianReview()) + "\r\n");
        out.write(ReportExports.csvCell(text("statistics.p90", locale)) + ",," + days(s.p90Review()) + "\r\n");
        out.flush();
    }

    private String label(String dimension, String key, Locale locale) {
        return switch (dimension) {
            case "status" -> text("enum.ReportStatus." + key, locale);
            case "category" -> text("enum.SupportCategory." + key, locale);
            case "month" -> key == null || key.length() != 7 ? String.valueOf(key)
                    : (Integer.parseInt(key.substring(0, 4)) - 1911) + "/" + key.substring(5);
            default -> key;
        };
    }

    /** Days with one decimal, or a dash when nothing has been decided yet. */
    private static String days(Duration d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.1f", d.toMinutes() / 1440.0);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
