package tw.gov.mohw.support.report.web;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.Action;
import tw.gov.mohw.support.report.Particulars;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.RuleParameters;
import tw.gov.mohw.support.report.SupportCategory;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.report.api.ReportRequests;
import tw.gov.mohw.support.report.api.RequestMapper;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.web.Problems;

/**
 * 登錄 as a guided form in five steps — who and where, department and content, period, schedule, review — and
 * the same steps for editing a draft, correcting a returned report (補正) and asking for a change (變更). Each
 * step is checked as it is left, and its problems are shown next to its fields; the domain's rules (overlap,
 * lateness, limits) are checked on submission and sent back to the step they concern.
 */
@Controller
class FilingPages {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "filing.";
    private static final String DONE = "filed.";

    private final SupportReports reports;
    private final Registry registry;
    private final RuleParameters rules;
    private final Problems problems;
    private final Clock clock;

    FilingPages(SupportReports reports, Registry registry, Problems problems, RuleParameters rules, Clock clock) {
        this.reports = reports;
        this.rules = rules;
        this.registry = registry;
        this.problems = problems;
        this.clock = clock;
    }

    @GetMapping("/reports/new")
    String start(@AuthenticationPrincipal Actor actor, HttpSession session) {
        requireApplicant(actor);
        FilingForm form = new FilingForm(HexFormat.of().formatHex(bytes()));
        if (actor.is(Actor.Role.PRACTITIONER)) {
            form.practitioner = actor.nationalId();
        }
        keep(session, form);
        return "redirect:/reports/file/" + form.id + "/1";
    }

    /** Continue a draft, correct a returned report, or ask for a change of an approved one. */
    @GetMapping("/reports/{id}/edit")
    String edit(@AuthenticationPrincipal Actor actor, @PathVariable long id, HttpSession session) {
        requireApplicant(actor);
        ReportView report = reports.get(actor, id);
        if (!report.may("EDIT") && !report.may("CHANGE")) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "report.action.forbidden"));
        }
        FilingForm form = new FilingForm(HexFormat.of().formatHex(bytes()));
        boolean changeReturned = report.pendingChange() != null
                && report.pendingChange().state() == tw.gov.mohw.support.report.Revision.State.RETURNED;
        form.mode = switch (report.status()) {
            case DRAFT -> FilingForm.Mode.DRAFT;
            case RETURNED -> FilingForm.Mode.CORRECT;
            // a returned change is corrected like a returned report; an approved one may be changed (once)
            case APPROVED -> changeReturned ? FilingForm.Mode.CORRECT : FilingForm.Mode.CHANGE;
            default -> throw new DomainException(DomainException.Kind.CONFLICT,
                    Violation.of(null, "report.not.editable", report.status()));
        };
        form.personName = report.practitioner().name();
        form.reportId = id;
        form.supportedInstitution = report.supportedInstitution().code();
        form.supportedInstitutionName = report.supportedInstitution().name();
        form.category = report.category().name();
        Particulars p = (changeReturned ? report.pendingChange() : report.inForce()).particulars();
        form.department = p.departmentCode();
        form.content = p.content();
        form.periodStart = RocDates.formatShort(p.period().start());
        form.periodEnd = RocDates.formatShort(p.period().end());
        form.weekly.clear();
        p.schedule().weekly().forEach(s -> form.weekly.add(new FilingForm.Slot(s.day().name(), s.start().toString(),
                s.end().toString())));
        p.schedule().dated().forEach(s -> form.dated.add(new FilingForm.Slot(RocDates.formatShort(s.date()),
                s.start().toString(), s.end().toString())));
        for (int i = report.history().size() - 1; i >= 0 && form.mode == FilingForm.Mode.CORRECT; i--) {
            if (report.history().get(i).action() == (changeReturned ? Action.RETURN_CHANGE : Action.RETURN)) {
                form.reviewerComment = report.history().get(i).reason();
                break;
            }
        }
        keep(session, form);
        return "redirect:/reports/file/" + form.id + "/2";
    }

    @GetMapping("/reports/file/{wizard}/{step}")
    String show(@AuthenticationPrincipal Actor actor, @PathVariable String wizard, @PathVariable int step,
            HttpSession session, Model model) {
        FilingForm form = form(session, wizard);
        if (form == null) {
            Object done = session.getAttribute(DONE + wizard);
            return done != null ? "redirect:/reports/" + done : "redirect:/reports/new";
        }
        int shown = Math.max(form.partiesFixed() ? 2 : 1, Math.min(step, reachable(form)));
        // back from the review to fix something: the refusal stands next to its field until the step is sent again
        Map<String, String> refused = new LinkedHashMap<>();
        form.refusals.forEach((field, text) -> {
            if (stepOf(field) == shown) {
                refused.put(field, text);
            }
        });
        return render(actor, form, shown, refused, List.of(), model);
    }

    @PostMapping("/reports/file/{wizard}/{step}")
    String next(@AuthenticationPrincipal Actor actor, @PathVariable String wizard, @PathVariable int step,
            @RequestParam Map<String, String> fields,
            @RequestParam(name = "weeklyDay", required = false) List<String> weeklyDay,
            @RequestParam(name = "weeklyStart", required = false) List<String> weeklyStart,
            @RequestParam(name = "weeklyEnd", required = false) List<String> weeklyEnd,
            @RequestParam(name = "datedDate", required = false) List<String> datedDate,
            @RequestParam(name = "datedStart", required = false) List<String> datedStart,
            @RequestParam(name = "datedEnd", required = false) List<String> datedEnd,
            HttpSession session, Model model, Locale locale) {
        FilingForm form = form(session, wizard);
        if (form == null) {
            Object done = session.getAttribute(DONE + wizard);
            // a second click of 送出, or the back button after it: nothing is filed twice
            return done != null ? "redirect:/reports/" + done : "redirect:/reports/new";
        }
        String action = fields.getOrDefault("action", "next");
        Map<String, String> errors = new LinkedHashMap<>();
        form.refusals.keySet().removeIf(field -> stepOf(field) == step);
        try {
            return advance(actor, form, step, action, fields, weeklyDay, weeklyStart, weeklyEnd, datedDate, datedStart,
                    datedEnd, errors, session, model, locale);
        } finally {
            // sessions live in the database: a changed attribute is saved only when it is set again
            if (session.getAttribute(KEY + wizard) != null && session.getAttribute(DONE + wizard) == null) {
                session.setAttribute(KEY + wizard, form);
            }
        }
    }

    private String advance(Actor actor, FilingForm form, int step, String action, Map<String, String> fields,
            List<String> weeklyDay, List<String> weeklyStart, List<String> weeklyEnd, List<String> datedDate,
            List<String> datedStart, List<String> datedEnd, Map<String, String> errors, HttpSession session,
            Model model, Locale locale) {
        String wizard = form.id;
        switch (step) {
            case 1 -> stepOne(actor, form, fields, errors, model, locale);
            case 2 -> {
                form.department = fields.get("department");
                form.content = trim(fields.get("content"), 1000);
            }
            case 3 -> {
                form.periodStart = trim(fields.get("periodStart"), 30);
                form.periodEnd = trim(fields.get("periodEnd"), 30);
            }
            case 4 -> {
                form.weekly.clear();
                form.dated.clear();
                for (int i = 0; weeklyDay != null && i < weeklyDay.size() && i < 50; i++) {
                    form.weekly.add(new FilingForm.Slot(weeklyDay.get(i), at(weeklyStart, i), at(weeklyEnd, i)));
                }
                for (int i = 0; datedDate != null && i < datedDate.size() && i < 366; i++) {
                    form.dated.add(new FilingForm.Slot(trim(datedDate.get(i), 30), at(datedStart, i), at(datedEnd, i)));
                }
                if (action.equals("addWeekly")) {
                    form.weekly.add(new FilingForm.Slot("MONDAY", "", ""));
                    return render(actor, form, 4, errors, List.of(), model);
                }
                if (action.equals("addDated")) {
                    form.dated.add(new FilingForm.Slot("", "", ""));
                    return render(actor, form, 4, errors, List.of(), model);
                }
                if (action.startsWith("removeWeekly") || action.startsWith("removeDated")) {
                    int i = index(action);
                    List<FilingForm.Slot> list = action.startsWith("removeWeekly") ? form.weekly : form.dated;
                    if (i >= 0 && i < list.size()) {
                        list.remove(i);
                    }
                    return render(actor, form, 4, errors, List.of(), model);
                }
            }
            case 5 -> {
                form.reason = trim(fields.get("reason"), 500);
                form.askConsent = "on".equals(fields.get("askConsent"));
            }
            default -> {
                return "redirect:/reports/file/" + wizard + "/1";
            }
        }
        if (action.equals("back")) {
            return "redirect:/reports/file/" + wizard + "/" + Math.max(1, step - 1);
        }
        if (step < 5) {
            checkUpTo(step, form, errors, locale);
        }
        if (!errors.isEmpty() || model.containsAttribute("institutionChoices")) {
            return render(actor, form, step, errors, List.of(), model);
        }
        if (step == 4 && form.mode != FilingForm.Mode.CORRECT && form.mode != FilingForm.Mode.CHANGE) {
            // from here on a new filing is a saved draft
            List<String> general = new ArrayList<>();
            if (!save(actor, form, errors, general, locale)) {
                return render(actor, form, stepOf(errors, 4), errors, general, model);
            }
        }
        if (step < 5) {
            return "redirect:/reports/file/" + wizard + "/" + (step + 1);
        }
        List<String> general = new ArrayList<>();
        Map<String, Long> conflicts = new LinkedHashMap<>();
        Long id = finish(actor, form, errors, general, conflicts, locale);
        form.refusals.clear();
        form.refusals.putAll(errors);
        if (id == null) {
            model.addAttribute("conflicts", conflicts);
            return render(actor, form, 5, errors, general, model);
        }
        if (form.askConsent && (form.mode == FilingForm.Mode.NEW || form.mode == FilingForm.Mode.DRAFT)) {
            try {
                reports.requestConsent(actor, id);
            } catch (DomainException e) {
                // filed either way; the report's page offers to ask again
            }
        }
        session.removeAttribute(KEY + wizard);
        session.setAttribute(DONE + wizard, id);
        return "redirect:/reports/" + id + "?done=" + (form.mode == FilingForm.Mode.CHANGE ? "changeRequested"
                : form.mode == FilingForm.Mode.CORRECT ? "resubmitted" : "submitted");
    }

    private void stepOne(Actor actor, FilingForm form, Map<String, String> fields, Map<String, String> errors,
            Model model, Locale locale) {
        if (form.partiesFixed()) {
            return;
        }
        if (actor.is(Actor.Role.INSTITUTION)) {
            // only the institution's own staff, chosen by internal id: the page never carries anyone's full ID
            String chosenId = fields.get("practitioner");
            form.practitioner = null;
            form.personName = null;
            registry.staffOf(InstitutionCode.parse(actor.institutionCode()), RocDates.today(clock)).stream()
                    .filter(p -> String.valueOf(p.id()).equals(chosenId)).findFirst().ifPresent(p -> {
                        form.practitioner = p.nationalId().value();
                        form.personName = p.name();
                    });
        }
        form.category = fields.getOrDefault("category", "REGULAR");
        String chosen = fields.get("supportedChoice");
        String typed = trim(fields.get("supportedInstitution"), 100);
        String text = chosen != null && !chosen.isBlank() ? chosen : typed;
        form.supportedInstitution = null;
        form.supportedInstitutionName = null;
        if (text == null || text.isBlank()) {
            errors.put("supportedInstitution", message("supportedInstitution", "field.required", locale));
            return;
        }
        if (InstitutionCode.isValid(text)) {
            var found = registry.institution(InstitutionCode.parse(text));
            if (found.isPresent() && found.get().isOpen()) {
                form.supportedInstitution = found.get().code().value();
                form.supportedInstitutionName = found.get().name();
                return;
            }
        }
        var matches = registry.findInstitutions(text, 20);
        if (matches.size() == 1) {
            form.supportedInstitution = matches.get(0).code().value();
            form.supportedInstitutionName = matches.get(0).name();
        } else if (matches.isEmpty()) {
            errors.put("supportedInstitution", message("supportedInstitution", "institution.notFound", locale));
        } else {
            model.addAttribute("institutionChoices", matches);
            model.addAttribute("institutionQuery", text);
        }
    }

    /** The checks of a step's own fields; the domain's rules come on submission. */
    private void checkUpTo(int step, FilingForm form, Map<String, String> errors, Locale locale) {
        if (step == 1) {
            if (form.practitioner == null || !NationalId.isValid(form.practitioner)) {
                errors.put("practitioner", message("practitioner", "field.required", locale));
            }
            try {
                SupportCategory.valueOf(form.category);
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.put("category", message("category", "category.invalid", locale));
            }
            return;
        }
        if (step == 2) {
            if (form.department == null || registry.department(form.department).isEmpty()) {
                errors.put("department", message("department", "department.required", locale));
            }
            if (form.content == null || form.content.isBlank()) {
                errors.put("content", message("content", "content.required", locale));
            }
            return;
        }
        try {
            if (form.partiesFixed()) {
                RequestMapper.particulars(particulars(form, step == 3));
            } else {
                RequestMapper.newReport(request(form, step == 3));
            }
        } catch (DomainException e) {
            for (Violation v : e.violations()) {
                if (v.field() != null && stepOf(v.field()) <= step) {
                    errors.putIfAbsent(v.field(), problems.message(v, locale));
                }
            }
        }
    }

    private boolean save(Actor actor, FilingForm form, Map<String, String> errors, List<String> general,
            Locale locale) {
        try {
            if (form.reportId == null) {
                form.reportId = reports.createDraft(actor, RequestMapper.newReport(request(form, false)),
                        "web-" + form.id).report().id();
                form.mode = FilingForm.Mode.DRAFT;
            } else {
                reports.update(actor, form.reportId, RequestMapper.particulars(particulars(form, false)));
            }
            return true;
        } catch (DomainException e) {
            collect(actor, e, errors, general, new LinkedHashMap<>(), locale);
            return false;
        }
    }

    private Long finish(Actor actor, FilingForm form, Map<String, String> errors, List<String> general,
            Map<String, Long> conflicts, Locale locale) {
        try {
            var particulars = RequestMapper.particulars(particulars(form, false));
            return switch (form.mode) {
                case NEW, DRAFT -> {
                    // what was reviewed is what is filed: the draft is saved from the form first
                    if (!save(actor, form, errors, general, locale)) {
                        yield null;
                    }
                    yield reports.submit(actor, form.reportId).id();
                }
                case CORRECT -> {
                    reports.update(actor, form.reportId, particulars);
                    yield reports.submit(actor, form.reportId).id();
                }
                case CHANGE -> {
                    if (form.reason == null || form.reason.isBlank()) {
                        errors.put("reason", message("reason", "reason.required", locale));
                        yield null;
                    }
                    yield reports.requestChange(actor, form.reportId, particulars, form.reason).id();
                }
            };
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.CONFLICT && form.reportId != null && alreadyDone(actor, form)) {
                return form.reportId; // a second click while the first filed it: nothing more to do
            }
            collect(actor, e, errors, general, conflicts, locale);
            return null;
        }
    }

    /** Each problem next to its field (or at the top); an overlap also links the report it collides with. */
    private boolean alreadyDone(Actor actor, FilingForm form) {
        ReportView now = reports.get(actor, form.reportId);
        return form.mode == FilingForm.Mode.CHANGE
                ? now.pendingChange() != null && now.pendingChange().state() == tw.gov.mohw.support.report.Revision.State.SUBMITTED
                : now.status() == ReportStatus.SUBMITTED;
    }

    private void collect(Actor actor, DomainException e, Map<String, String> errors, List<String> general,
            Map<String, Long> conflicts, Locale locale) {
        for (Violation v : e.violations()) {
            if (v.messageKey().equals("schedule.overlap") && !v.args().isEmpty()) {
                String caseNumber = String.valueOf(v.args().get(0));
                reports.findByCaseNumber(actor, caseNumber).ifPresent(id -> conflicts.put(caseNumber, id));
            }
            if (v.field() == null) {
                general.add(problems.message(v, locale));
            } else {
                errors.putIfAbsent(v.field(), problems.message(v, locale));
            }
        }
    }

    private static ReportRequests.NewReportRequest request(FilingForm form, boolean periodOnly) {
        var p = particulars(form, periodOnly);
        return new ReportRequests.NewReportRequest(form.practitioner, form.supportedInstitution, form.category,
                p.department(), p.content(), p.period(), p.schedule());
    }

    /** The particulars as typed; while only the period is checked, a stand-in slot keeps the schedule quiet. */
    private static ReportRequests.ParticularsRequest particulars(FilingForm form, boolean periodOnly) {
        List<ReportRequests.WeeklySlotRequest> weekly = form.weekly.stream()
                .map(s -> new ReportRequests.WeeklySlotRequest(s.day(), s.start(), s.end())).toList();
        List<ReportRequests.DatedSlotRequest> dated = form.dated.stream()
                .map(s -> new ReportRequests.DatedSlotRequest(s.day(), s.start(), s.end())).toList();
        var schedule = periodOnly ? new ReportRequests.ScheduleRequest(
                List.of(new ReportRequests.WeeklySlotRequest("MONDAY", "09:00", "10:00")), List.of())
                : new ReportRequests.ScheduleRequest(weekly, dated);
        return new ReportRequests.ParticularsRequest(form.department, form.content,
                new ReportRequests.PeriodRequest(form.periodStart, form.periodEnd), schedule, form.reason);
    }

    private String render(Actor actor, FilingForm form, int step, Map<String, String> errors, List<String> general,
            Model model) {
        model.addAttribute("form", form);
        model.addAttribute("step", step);
        model.addAttribute("steps", FilingForm.STEPS);
        model.addAttribute("percent", step * 100 / FilingForm.STEPS);
        model.addAttribute("errors", errors);
        model.addAttribute("fixSteps", errors.keySet().stream().map(FilingPages::stepOf).filter(n -> n < 5).distinct()
                .sorted().toList());
        model.addAttribute("general", general);
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

    /** The person's other commitments in the week the period starts (or this week), for the live timetable. */
    private void timetable(Actor actor, FilingForm form, Model model) {
        java.time.LocalDate day = RocDates.today(clock);
        try {
            java.time.LocalDate start = RequestMapper.date("period.start", form.periodStart);
            java.time.LocalDate end = RequestMapper.date("period.end", form.periodEnd);
            // the first whole week of the period, where there is one: every weekday in it is covered
            java.time.LocalDate monday = start.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            java.time.LocalDate first = monday.plusDays(6).isAfter(end) ? start : monday;
            day = first.isAfter(day) ? first : day;
        } catch (DomainException | NullPointerException e) {
            // this week, then
        }
        try {
            var week = form.reportId != null ? reports.weekOfReport(actor, form.reportId, day)
                    : reports.week(actor, NationalId.parse(form.practitioner), day);
            // a correction or change shows the report's own current version among the others: leave it out
            var others = new tw.gov.mohw.support.report.Week(week.monday(), week.maskedNationalId(), week.name(),
                    week.homeInstitution(), week.homeInstitutionName(), week.commitments().stream()
                            .filter(c -> form.reportId == null || c.reportId() != form.reportId).toList(),
                    week.conflicts());
            model.addAttribute("weekJson", TimetableData.json(others));
            model.addAttribute("weekMonday", RocDates.formatShort(week.monday()));
        } catch (DomainException | IllegalArgumentException e) {
            model.addAttribute("weekJson", "{\"blocks\":[]}");
            model.addAttribute("weekMonday", RocDates.formatShort(day));
        }
    }

    /** The furthest step the form may be shown at: every step before it is complete. */
    private static int reachable(FilingForm form) {
        if (!form.partiesFixed() && (form.practitioner == null || form.supportedInstitution == null)) {
            return 1;
        }
        if (form.department == null || form.content == null || form.content.isBlank()) {
            return 2;
        }
        if (form.periodStart == null || form.periodEnd == null) {
            return 3;
        }
        boolean newFiling = form.mode == FilingForm.Mode.NEW || form.mode == FilingForm.Mode.DRAFT;
        return newFiling && form.reportId == null ? 4 : FilingForm.STEPS;
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

    private static int stepOf(Map<String, String> errors, int otherwise) {
        return errors.keySet().stream().mapToInt(FilingPages::stepOf).min().orElse(otherwise);
    }

    private String message(String field, String key, Locale locale) {
        return problems.message(Violation.of(field, key), locale);
    }

    /** A few forms at once (tabs), not an unbounded pile in a session stored in the database. */
    private static void keep(HttpSession session, FilingForm form) {
        var open = java.util.Collections.list(session.getAttributeNames()).stream().filter(n -> n.startsWith(KEY))
                .filter(n -> session.getAttribute(n) instanceof FilingForm)
                .sorted(java.util.Comparator.comparingLong(n -> ((FilingForm) session.getAttribute(n)).createdAt))
                .toList();
        for (int i = 0; i < open.size() - 4; i++) {
            session.removeAttribute(open.get(i));
        }
        session.setAttribute(KEY + form.id, form);
    }

    private static FilingForm form(HttpSession session, String wizard) {
        return wizard.matches("[0-9a-f]{32}") && session.getAttribute(KEY + wizard) instanceof FilingForm f ? f : null;
    }

    private static void requireApplicant(Actor actor) {
        if (!actor.is(Actor.Role.PRACTITIONER, Actor.Role.INSTITUTION)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "report.file.forbidden"));
        }
    }

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static int index(String action) {
        try {
            return Integer.parseInt(action.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String at(List<String> list, int i) {
        return list != null && i < list.size() ? trim(list.get(i), 5) : "";
    }

    private static String trim(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
