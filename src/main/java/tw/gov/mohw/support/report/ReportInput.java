package tw.gov.mohw.support.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.shared.Texts;

/**
 * Text as people and clients type it — from the JSON API or the filing pages — turned into domain values, every
 * problem named by its field ({@code period.start}, {@code schedule.dated[2].end}), so all are told at once and
 * nothing changes. The one parser of a report's particulars: the API and the pages both call it.
 */
public final class ReportInput {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    /** The particulars as typed: dates ISO or ROC (1151201, 115/12/01, 115-12-01), times HH:mm. */
    public record Text(String department, String content, String periodStart, String periodEnd, List<SlotText> weekly,
            List<SlotText> dated) {

        public Text {
            weekly = weekly == null ? List.of() : weekly;
            dated = dated == null ? List.of() : dated;
        }
    }

    /**
     * One slot as typed: {@code day} is a weekday (MONDAY…SUNDAY, MON, or 1…7) for a weekly slot, a date for a dated
     * one; an end not after the start runs past midnight.
     */
    public record SlotText(String day, String start, String end) {
    }

    private final List<Violation> violations = new ArrayList<>();

    private ReportInput() {}

    /** A new report: who supports where, in which category, and its particulars. */
    public static NewReport newReport(String practitioner, String supportedInstitution, String category, Text text) {
        ReportInput in = new ReportInput();
        NationalId person = in.required("practitioner", practitioner, NationalId::parse);
        InstitutionCode supported = in.required("supportedInstitution", supportedInstitution, InstitutionCode::parse);
        SupportCategory c = in.required("category", category, ReportInput::category);
        Particulars particulars = in.read(text);
        in.done();
        return new NewReport(person, supported, c, particulars);
    }

    public static Particulars particulars(Text text) {
        ReportInput in = new ReportInput();
        Particulars p = in.read(text);
        in.done();
        return p;
    }

    /**
     * What is wrong with the particulars as typed, without throwing: what the text cannot be read as, then what
     * their shape breaks (a period ending before it starts, too many slots: {@link ScheduleRules}).
     */
    public static List<Violation> problems(Text text) {
        ReportInput in = new ReportInput();
        Particulars p = in.read(text);
        if (p != null) {
            java.util.Set<String> told = new java.util.HashSet<>();
            in.violations.forEach(v -> told.add(v.field()));
            ScheduleRules.validate(p.period(), p.schedule()).stream().filter(v -> told.add(v.field()))
                    .forEach(in.violations::add);
        }
        return List.copyOf(in.violations);
    }

    public static LocalDate date(String field, String raw) {
        ReportInput in = new ReportInput();
        LocalDate d = in.required(field, raw, ReportInput::date);
        in.done();
        return d;
    }

    public static Decision decision(String raw) {
        ReportInput in = new ReportInput();
        Decision d = in.required("decision", raw, v -> {
            try {
                return Decision.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(null, "decision.invalid");
            }
        });
        in.done();
        return d;
    }

    private Particulars read(Text t) {
        if (t.department() == null || t.department().isBlank()) {
            violations.add(Violation.of("department", "department.required"));
        }
        if (Texts.isBlank(t.content())) {
            violations.add(Violation.of("content", "content.required"));
        }
        LocalDate start = required("period.start", t.periodStart(), ReportInput::date);
        LocalDate end = required("period.end", t.periodEnd(), ReportInput::date);
        List<WeeklySlot> weekly = new ArrayList<>();
        for (int i = 0; i < t.weekly().size(); i++) {
            SlotText s = t.weekly().get(i);
            String f = "schedule.weekly[" + i + "]";
            if (s == null) {
                violations.add(Violation.of(f, "slot.required"));
                continue;
            }
            weekly.add(new WeeklySlot(required(f + ".day", s.day(), ReportInput::day),
                    required(f + ".start", s.start(), ReportInput::time), required(f + ".end", s.end(), ReportInput::time)));
        }
        List<DatedSlot> dated = new ArrayList<>();
        for (int i = 0; i < t.dated().size(); i++) {
            SlotText s = t.dated().get(i);
            String f = "schedule.dated[" + i + "]";
            if (s == null) {
                violations.add(Violation.of(f, "slot.required"));
                continue;
            }
            dated.add(new DatedSlot(required(f + ".date", s.day(), ReportInput::date),
                    required(f + ".start", s.start(), ReportInput::time), required(f + ".end", s.end(), ReportInput::time)));
        }
        if (weekly.isEmpty() && dated.isEmpty()) {
            violations.add(Violation.of("schedule", "schedule.empty"));
        }
        return start == null || end == null ? null : new Particulars(strip(t.department()), strip(t.content()),
                new Period(start, end), new Schedule(weekly, dated));
    }

    private <T> T required(String field, String raw, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            violations.add(Violation.of(field, "field.required"));
            return null;
        }
        try {
            return parse.apply(raw.strip());
        } catch (DomainException e) {
            e.violations().forEach(v -> violations.add(new Violation(field, v.messageKey(), v.args())));
            return null;
        }
    }

    private void done() {
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, violations);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    static LocalDate date(String raw) {
        if (ISO_DATE.matcher(raw).matches()) {
            try {
                LocalDate date = LocalDate.parse(raw);
                // Only dates that have an ROC form (民國 1–999): every date is shown that way somewhere.
                if (date.getYear() >= 1912 && date.getYear() <= 2910) {
                    return date;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw DomainException.invalid(null, "date.invalid", raw);
        }
        return RocDates.parse(raw);
    }

    static LocalTime time(String raw) {
        if (!TIME.matcher(raw).matches()) {
            throw DomainException.invalid(null, "time.invalid", raw);
        }
        return LocalTime.parse(raw);
    }

    static DayOfWeek day(String raw) {
        String v = raw.toUpperCase(Locale.ROOT);
        if (v.matches("[1-7]")) {
            return DayOfWeek.of(Integer.parseInt(v));
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(v) || d.name().substring(0, 3).equals(v)) {
                return d;
            }
        }
        throw DomainException.invalid(null, "day.invalid");
    }

    static SupportCategory category(String raw) {
        try {
            return SupportCategory.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(null, "category.invalid");
        }
    }
}
