package tw.gov.mohw.support.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tw.gov.mohw.support.report.NewReport;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * A row of a batch file as the clerk typed it, turned into the {@link NewReport} the single form would file: the
 * slots' text (「週二 13:30-17:30；週四 08:00-12:00」, 「1160105 08:00-12:00」) split into slots, a category or
 * department given by its label or its code, then {@link ReportInput#newReport}, the one parser of a report, so a
 * row reads exactly as the form does. Problems name the form's fields; {@link #column} says which column that is.
 */
final class BatchRows {

    /** 「週二 13:30-17:30」, 「星期四 8:00～12:00」, 「Tue 13:30-17:30」. */
    private static final Pattern WEEKLY = Pattern.compile(
            "(週[一二三四五六日天]|星期[一二三四五六日天]|禮拜[一二三四五六日天]|[A-Za-z]{3,9})\\s*"
                    + "(\\d{1,2}[:：]\\d{2})\\s*[-－–~～至到]\\s*(\\d{1,2}[:：]\\d{2})");
    /** 「1160105 08:00-12:00」, 「116/01/05 8:00-12:00」. */
    private static final Pattern DATED = Pattern.compile(
            "(\\S+)\\s+(\\d{1,2}[:：]\\d{2})\\s*[-－–~～至到]\\s*(\\d{1,2}[:：]\\d{2})");
    private static final Pattern SEPARATOR = Pattern.compile("[；;、\\n]+");
    private static final String DAYS = "一二三四五六日";

    /** The category of each label 「一般支援」 (and of its code, REGULAR). */
    private final Map<String, String> categories;
    /** The department code of each 「01 家醫科」, 「家醫科」 and 「01」. */
    private final Map<String, String> departments;

    BatchRows(Map<String, String> categories, Map<String, String> departments) {
        this.categories = categories;
        this.departments = departments;
    }

    /** The report a row asks for; a {@link DomainException} naming every field at fault when it cannot be read. */
    NewReport read(List<String> cells) {
        List<Violation> problems = new ArrayList<>();
        List<ReportInput.SlotText> weekly = slots(cell(cells, BatchColumn.WEEKLY), WEEKLY, "schedule.weekly",
                "batch.slot.weekly", problems);
        List<ReportInput.SlotText> dated = slots(cell(cells, BatchColumn.DATED), DATED, "schedule.dated",
                "batch.slot.dated", problems);
        String category = lookUp(categories, cell(cells, BatchColumn.CATEGORY));
        String department = lookUp(departments, cell(cells, BatchColumn.DEPARTMENT));
        NewReport report = null;
        try {
            report = ReportInput.newReport(cell(cells, BatchColumn.NATIONAL_ID).toUpperCase(Locale.ROOT),
                    cell(cells, BatchColumn.SUPPORTED_INSTITUTION), category,
                    new ReportInput.Text(department, cell(cells, BatchColumn.CONTENT),
                            cell(cells, BatchColumn.PERIOD_START), cell(cells, BatchColumn.PERIOD_END), weekly, dated));
        } catch (DomainException e) {
            // a slot the row's text did not even hold is said once, by the slot's own message
            e.violations().stream().filter(v -> !(problems.size() > 0 && v.messageKey().equals("schedule.empty")))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, problems);
        }
        return report;
    }

    /**
     * The key a row is filed with: the same row filed again, from this file or another, is the same report — while
     * that report stands ({@code BatchWorker} moves to the key's next generation once it was withdrawn, rejected or
     * cancelled).
     */
    static String idempotencyKey(List<String> cells) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String cell : cells) {
                sha.update(cell.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1f);
            }
            return "batch:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The column a problem's field is in; {@code null} for the row as a whole. */
    static BatchColumn column(String field) {
        if (field == null) {
            return null;
        }
        if (field.startsWith("schedule.weekly")) {
            return BatchColumn.WEEKLY;
        }
        if (field.startsWith("schedule.dated")) {
            return BatchColumn.DATED;
        }
        return switch (field) {
            case "practitioner" -> BatchColumn.NATIONAL_ID;
            case "supportedInstitution" -> BatchColumn.SUPPORTED_INSTITUTION;
            case "category" -> BatchColumn.CATEGORY;
            case "department" -> BatchColumn.DEPARTMENT;
            case "content" -> BatchColumn.CONTENT;
            case "period.start", "period" -> BatchColumn.PERIOD_START;
            case "period.end" -> BatchColumn.PERIOD_END;
            // the schedule as a whole: empty, over the hours cap, meeting another report
            case "schedule" -> BatchColumn.WEEKLY;
            default -> null;
        };
    }

    private static String cell(List<String> cells, BatchColumn column) {
        return column.ordinal() < cells.size() ? cells.get(column.ordinal()) : "";
    }

    private static String lookUp(Map<String, String> known, String typed) {
        if (typed.isBlank()) {
            return typed;
        }
        String normal = typed.strip().replaceAll("\\s+", " ");
        return known.getOrDefault(normal, known.getOrDefault(normal.toUpperCase(Locale.ROOT), normal));
    }

    private static List<ReportInput.SlotText> slots(String text, Pattern form, String field, String messageKey,
            List<Violation> problems) {
        List<ReportInput.SlotText> slots = new ArrayList<>();
        if (text.isBlank()) {
            return slots;
        }
        for (String part : SEPARATOR.split(text.strip())) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = form.matcher(part.strip());
            if (!m.matches()) {
                problems.add(Violation.of(field + "[" + slots.size() + "]", messageKey, part.strip()));
                continue;
            }
            slots.add(new ReportInput.SlotText(day(m.group(1)), time(m.group(2)), time(m.group(3))));
        }
        return slots;
    }

    /** 週二 → 2 (ISO: Monday is 1); a date or an English day is left for {@link ReportInput} to read. */
    private static String day(String typed) {
        char last = typed.charAt(typed.length() - 1);
        if (typed.length() > 1 && (typed.startsWith("週") || typed.startsWith("星期") || typed.startsWith("禮拜"))) {
            return String.valueOf(last == '天' ? 7 : DAYS.indexOf(last) + 1);
        }
        return typed;
    }

    /** 8:00 → 08:00; a full-width colon as typed with a Chinese input method → ":". */
    private static String time(String typed) {
        String t = typed.replace('：', ':');
        return t.indexOf(':') == 1 ? "0" + t : t;
    }
}
