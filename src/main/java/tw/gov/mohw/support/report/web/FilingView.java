package tw.gov.mohw.support.report.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.report.RuleParameters;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.report.Week;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.web.Problems;

/**
 * One step of 登錄 as a page ({@code templates/reports/file.html}): its fields, each problem next to its field and in
 * a summary at the top that names the field by its own label and links to it, and on the schedule step the
 * person's other commitments for the live timetable.
 */
@Component
class FilingView {

    private static final Pattern SLOT = Pattern.compile("schedule\\.(weekly|dated)\\[(\\d+)]\\.?(\\w*)");

    private final SupportReports reports;
    private final Registry registry;
    private final RuleParameters rules;
    private final Problems problems;
    private final MessageSource messages;
    private final Clock clock;

    FilingView(SupportReports reports, Registry registry, RuleParameters rules, Problems problems,
            MessageSource messages, Clock clock) {
        this.reports = reports;
        this.registry = registry;
        this.rules = rules;
        this.problems = problems;
        this.messages = messages;
        this.clock = clock;
    }

    /** A problem as the summary lists it: the field's label and the message, linking to the field. */
    record Problem(String anchor, String text) {
    }

    String render(Actor actor, FilingForm form, int step, List<Violation> refused, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        List<Problem> summary = new ArrayList<>();
        for (Violation v : refused) {
            String text = problems.message(v, locale);
            if (v.field() == null) {
                general.add(text);
                summary.add(new Problem(null, text));
            } else if (errors.putIfAbsent(v.field(), text) == null) {
                summary.add(new Problem(anchor(v.field()), label(v.field(), locale) + "：" + text));
            }
        }
        model.addAttribute("form", form);
        model.addAttribute("step", step);
        model.addAttribute("steps", FilingForm.STEPS);
        model.addAttribute("percent", step * 100 / FilingForm.STEPS);
        model.addAttribute("errors", errors);
        model.addAttribute("general", general);
        model.addAttribute("summary", summary);
        model.addAttribute("fixSteps", errors.keySet().stream().map(FilingView::stepOf).filter(n -> n < 5).distinct()
                .sorted().toList());
        // a closed category takes no new reports; a report already in one keeps it
        var inForce = rules.current();
        model.addAttribute("categories", java.util.Arrays.stream(SupportCategory.values())
                .filter(c -> inForce.open(c) || c.name().equals(form.category)).toList());
        model.addAttribute("departments", registry.departments());
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("clerk", actor.is(Actor.Role.INSTITUTION));
        if (actor.is(Actor.Role.INSTITUTION) && !form.partiesFixed()) {
            model.addAttribute("staff", registry.staffOf(InstitutionCode.parse(actor.institutionCode()),
                    RocDates.today(clock)));
        }
        if (actor.is(Actor.Role.PRACTITIONER) && form.personName == null && actor.nationalId() != null) {
            form.personName = registry.practitioner(NationalId.parse(actor.nationalId())).map(p -> p.name())
                    .orElse(null);
        }
        model.addAttribute("personName", form.personName);
        model.addAttribute("chosenStaff", form.practitioner == null ? null : registry.practitioner(
                NationalId.parse(form.practitioner)).map(p -> p.id()).orElse(null));
        if (step == 4) {
            timetable(actor, form, model);
        }
        model.addAttribute("departmentName", form.department == null ? null
                : registry.department(form.department).map(d -> d.nameZh()).orElse(null));
        return "reports/file";
    }

    /** The person's other commitments in the first whole week of the period (or this week), for the live timetable. */
    private void timetable(Actor actor, FilingForm form, Model model) {
        LocalDate day = RocDates.today(clock);
        List<Violation> period = ReportInput.problems(form.text()).stream()
                .filter(v -> v.field() != null && v.field().startsWith("period")).toList();
        if (period.isEmpty()) {
            LocalDate start = ReportInput.date("period.start", form.periodStart);
            LocalDate end = ReportInput.date("period.end", form.periodEnd);
            LocalDate monday = start.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            LocalDate first = monday.plusDays(6).isAfter(end) ? start : monday;
            day = first.isAfter(day) ? first : day;
        }
        try {
            var week = form.reportId != null ? reports.weekOfReport(actor, form.reportId, day)
                    : reports.week(actor, NationalId.parse(form.practitioner), day);
            // a correction or change shows the report's own current version among the others: leave it out
            var others = new Week(week.monday(), week.maskedNationalId(), week.name(), week.homeInstitution(),
                    week.homeInstitutionName(), week.commitments().stream()
                            .filter(c -> form.reportId == null || c.reportId() != form.reportId).toList(),
                    week.conflicts());
            model.addAttribute("weekJson", TimetableData.json(others));
            model.addAttribute("weekMonday", RocDates.formatShort(week.monday()));
        } catch (DomainException e) {
            // nobody's commitments to show (a person the actor may not see): an empty week
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            model.addAttribute("weekJson", TimetableData.json(new Week(monday, null, null, null, null, List.of(),
                    List.of())));
            model.addAttribute("weekMonday", RocDates.formatShort(monday));
        }
    }

    /** The field's own label, as the page shows it next to the field. */
    String label(String field, Locale locale) {
        Matcher slot = SLOT.matcher(field);
        if (slot.matches()) {
            boolean weekly = slot.group(1).equals("weekly");
            String which = text(weekly ? "file.weeklySlot" : "file.datedSlot", locale,
                    Integer.parseInt(slot.group(2)) + 1);
            String part = switch (slot.group(3)) {
                case "day" -> text("report.day", locale);
                case "date" -> text("file.date", locale);
                case "start" -> text("file.from", locale);
                case "end" -> text("file.to", locale);
                default -> null;
            };
            return part == null ? which : which + " " + part;
        }
        return switch (field) {
            case "practitioner" -> text("file.practitioner", locale);
            case "supportedInstitution" -> text("file.supported", locale);
            case "category" -> text("report.category", locale);
            case "department" -> text("report.department", locale);
            case "content" -> text("report.content", locale);
            case "period.start" -> text("file.periodStart", locale);
            case "period.end" -> text("file.periodEnd", locale);
            case "reason" -> text("file.changeReason", locale);
            default -> field.startsWith("period") ? text("report.period", locale) : text("report.schedule", locale);
        };
    }

    /** The id of the field's input on the page (file.html), for the summary's link. */
    static String anchor(String field) {
        Matcher slot = SLOT.matcher(field);
        if (slot.matches()) {
            String prefix = slot.group(1).equals("weekly") ? "w" : "d";
            String part = switch (slot.group(3)) {
                case "day", "date" -> "d";
                case "end" -> "e";
                default -> "s";
            };
            return prefix + part + "-" + slot.group(2);
        }
        return switch (field) {
            case "supportedInstitution" -> "supported";
            case "period.start" -> "period-start";
            case "period.end", "period" -> "period-end";
            case "practitioner", "category", "department", "content", "reason" -> field;
            default -> field.startsWith("schedule") ? "schedule-heading" : null;
        };
    }

    /** Which step a field belongs to. */
    static int stepOf(String field) {
        if (field == null) {
            return 5;
        }
        if (field.startsWith("practitioner") || field.startsWith("supportedInstitution") || field.startsWith("category")) {
            return 1;
        }
        if (field.startsWith("department") || field.startsWith("content")) {
            return 2;
        }
        if (field.startsWith("period")) {
            return 3;
        }
        return field.startsWith("schedule") ? 4 : 5;
    }

    /** The first step a refusal concerns. */
    static int firstStep(List<Violation> refused, int otherwise) {
        return refused.stream().mapToInt(v -> stepOf(v.field())).min().orElse(otherwise);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
