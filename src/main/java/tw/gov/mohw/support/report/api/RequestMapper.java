package tw.gov.mohw.support.report.api;

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
import tw.gov.mohw.support.report.DatedSlot;
import tw.gov.mohw.support.report.Decision;
import tw.gov.mohw.support.report.NewReport;
import tw.gov.mohw.support.report.Particulars;
import tw.gov.mohw.support.report.Period;
import tw.gov.mohw.support.report.Schedule;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.report.WeeklySlot;
import tw.gov.mohw.support.report.api.ReportRequests.NewReportRequest;
import tw.gov.mohw.support.report.api.ReportRequests.PeriodRequest;
import tw.gov.mohw.support.report.api.ReportRequests.ScheduleRequest;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Turns request text into domain values, collecting every problem with the field it concerns, so the client gets
 * all of them at once (HTTP 422) and nothing is changed.
 */
public final class RequestMapper {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private final List<Violation> violations = new ArrayList<>();

    public static NewReport newReport(NewReportRequest r) {
        RequestMapper m = new RequestMapper();
        NationalId person = m.required("practitioner", r.practitioner(), NationalId::parse);
        InstitutionCode supported = m.required("supportedInstitution", r.supportedInstitution(), InstitutionCode::parse);
        SupportCategory category = m.required("category", r.category(), RequestMapper::category);
        Particulars particulars = m.particulars(r.department(), r.content(), r.period(), r.schedule());
        m.done();
        return new NewReport(person, supported, category, particulars);
    }

    public static Particulars particulars(ReportRequests.ParticularsRequest r) {
        RequestMapper m = new RequestMapper();
        Particulars p = m.particulars(r.department(), r.content(), r.period(), r.schedule());
        m.done();
        return p;
    }

    public static LocalDate date(String field, String raw) {
        RequestMapper m = new RequestMapper();
        LocalDate d = m.required(field, raw, RequestMapper::date);
        m.done();
        return d;
    }

    static Decision decision(String raw) {
        RequestMapper m = new RequestMapper();
        Decision d = m.required("decision", raw, v -> {
            try {
                return Decision.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(null, "decision.invalid");
            }
        });
        m.done();
        return d;
    }

    private Particulars particulars(String department, String content, PeriodRequest period, ScheduleRequest schedule) {
        if (department == null || department.isBlank()) {
            violations.add(Violation.of("department", "department.required"));
        }
        if (content == null || content.isBlank()) {
            violations.add(Violation.of("content", "content.required"));
        }
        Period p = null;
        if (period == null) {
            violations.add(Violation.of("period", "period.required"));
        } else {
            LocalDate start = required("period.start", period.start(), RequestMapper::date);
            LocalDate end = required("period.end", period.end(), RequestMapper::date);
            p = start == null || end == null ? null : new Period(start, end);
        }
        List<WeeklySlot> weekly = new ArrayList<>();
        List<DatedSlot> dated = new ArrayList<>();
        if (schedule != null) {
            List<ReportRequests.WeeklySlotRequest> ws = schedule.weekly() == null ? List.of() : schedule.weekly();
            for (int i = 0; i < ws.size(); i++) {
                var s = ws.get(i);
                String f = "schedule.weekly[" + i + "]";
                if (s == null) {
                    violations.add(Violation.of(f, "slot.required"));
                    continue;
                }
                weekly.add(new WeeklySlot(required(f + ".day", s.day(), RequestMapper::day),
                        required(f + ".start", s.start(), RequestMapper::time),
                        required(f + ".end", s.end(), RequestMapper::time)));
            }
            List<ReportRequests.DatedSlotRequest> ds = schedule.dated() == null ? List.of() : schedule.dated();
            for (int i = 0; i < ds.size(); i++) {
                var s = ds.get(i);
                String f = "schedule.dated[" + i + "]";
                if (s == null) {
                    violations.add(Violation.of(f, "slot.required"));
                    continue;
                }
                dated.add(new DatedSlot(required(f + ".date", s.date(), RequestMapper::date),
                        required(f + ".start", s.start(), RequestMapper::time),
                        required(f + ".end", s.end(), RequestMapper::time)));
            }
        }
        if (weekly.isEmpty() && dated.isEmpty()) {
            violations.add(Violation.of("schedule", "schedule.empty"));
        }
        return p == null ? null : new Particulars(department == null ? null : department.strip(),
                content == null ? null : content.strip(), p, new Schedule(weekly, dated));
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
