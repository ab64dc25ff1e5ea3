package tw.gov.mohw.support.report.web;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.Action;
import tw.gov.mohw.support.report.Particulars;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.Revision;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * 登錄 as a guided form in five steps — who and where, department and content, period, schedule, review — and
 * the same steps for editing a draft, correcting a returned report (補正) and asking for a change (變更). One handler
 * per step binds that step's form ({@link FilingSteps}), keeps it in the session's {@link FilingForm}, has the
 * step's fields checked and moves on; from the schedule step a new filing is a saved draft. The domain's rules are
 * checked on submission and sent back to the step of their field ({@link FilingView} shows a step).
 */
@Controller
class FilingPages {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "filing.";
    private static final String DONE = "filed.";

    private final SupportReports reports;
    private final Registry registry;
    private final FilingView view;
    private final FilingSteps.Validator validator;
    private final Clock clock;

    FilingPages(SupportReports reports, Registry registry, FilingView view, Clock clock) {
        this.reports = reports;
        this.registry = registry;
        this.view = view;
        this.validator = new FilingSteps.Validator(registry);
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
        if (!EnumSet.of(ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.APPROVED).contains(report.status())) {
            // the state refuses, whoever asks (409); the person's relation to the report is the next question (403)
            throw new DomainException(DomainException.Kind.CONFLICT,
                    Violation.of(null, "report.not.editable", report.status()));
        }
        if (!report.may("EDIT") && !report.may("CHANGE")) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "report.action.forbidden"));
        }
        FilingForm form = new FilingForm(HexFormat.of().formatHex(bytes()));
        boolean changeReturned = report.pendingChange() != null
                && report.pendingChange().state() == Revision.State.RETURNED;
        form.mode = switch (report.status()) {
            case DRAFT -> FilingForm.Mode.DRAFT;
            case RETURNED -> FilingForm.Mode.CORRECT;
            // a returned change is corrected like a returned report; an approved one may be changed (once)
            case APPROVED -> changeReturned ? FilingForm.Mode.CORRECT : FilingForm.Mode.CHANGE;
            default -> throw new DomainException(DomainException.Kind.CONFLICT,
                    Violation.of(null, "report.not.editable", report.status()));
        };
        form.title = form.mode;
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
        FilingForm form = form(actor, session, wizard);
        if (form == null) {
            return afterwards(session, wizard);
        }
        int shown = Math.max(form.partiesFixed() ? 2 : 1, Math.min(step, reachable(form)));
        // back from the review to fix something: the refusal stands next to its field until the step is sent again
        List<Violation> refused = form.refusals.values().stream().filter(v -> FilingView.stepOf(v.field()) == shown)
                .toList();
        return view.render(actor, form, shown, refused, model);
    }

    @PostMapping("/reports/file/{wizard}/1")
    String parties(@AuthenticationPrincipal Actor actor, @PathVariable String wizard,
            @ModelAttribute FilingSteps.Parties step, HttpSession session, Model model) {
        return leave(actor, wizard, 1, "next", session, model, form -> choose(actor, form, step, model));
    }

    @PostMapping("/reports/file/{wizard}/2")
    String content(@AuthenticationPrincipal Actor actor, @PathVariable String wizard,
            @ModelAttribute FilingSteps.Content step, @RequestParam(defaultValue = "next") String action,
            HttpSession session, Model model) {
        return leave(actor, wizard, 2, action, session, model, form -> applied(() -> step.applyTo(form)));
    }

    @PostMapping("/reports/file/{wizard}/3")
    String period(@AuthenticationPrincipal Actor actor, @PathVariable String wizard,
            @ModelAttribute FilingSteps.PeriodDates step, @RequestParam(defaultValue = "next") String action,
            HttpSession session, Model model) {
        return leave(actor, wizard, 3, action, session, model, form -> applied(() -> step.applyTo(form)));
    }

    /** The schedule; a slot added or removed redraws the step with what was typed kept. */
    @PostMapping("/reports/file/{wizard}/4")
    String schedule(@AuthenticationPrincipal Actor actor, @PathVariable String wizard,
            @ModelAttribute FilingSteps.Slots step, @RequestParam(defaultValue = "next") String action,
            HttpSession session, Model model) {
        FilingForm form = form(actor, session, wizard);
        if (form != null && (action.startsWith("add") || action.startsWith("remove"))) {
            step.applyTo(form);
            List<FilingForm.Slot> slots = action.contains("Weekly") ? form.weekly : form.dated;
            if (action.startsWith("add")) {
                slots.add(action.contains("Weekly") ? new FilingForm.Slot("MONDAY", "", "")
                        : new FilingForm.Slot("", "", ""));
            } else {
                int i = index(action);
                if (i >= 0 && i < slots.size()) {
                    slots.remove(i);
                }
            }
            session.setAttribute(KEY + wizard, form);
            return view.render(actor, form, 4, List.of(), model);
        }
        return leave(actor, wizard, 4, action, session, model, f -> applied(() -> step.applyTo(f)));
    }

    /** 送出: files the new report or draft, sends the correction, or asks for the change. */
    @PostMapping("/reports/file/{wizard}/5")
    String review(@AuthenticationPrincipal Actor actor, @PathVariable String wizard,
            @ModelAttribute FilingSteps.Review step, @RequestParam(defaultValue = "submit") String action,
            HttpSession session, Model model) {
        FilingForm form = form(actor, session, wizard);
        if (form == null) {
            // a second click of 送出, or the back button after it: nothing is filed twice
            return afterwards(session, wizard);
        }
        step.applyTo(form);
        session.setAttribute(KEY + wizard, form);
        if (action.equals("back")) {
            return "redirect:/reports/file/" + wizard + "/4";
        }
        List<Violation> refused = new ArrayList<>();
        Map<String, Long> conflicts = new LinkedHashMap<>();
        Long id = finish(actor, form, refused, conflicts);
        form.refusals.clear();
        refused.stream().filter(v -> v.field() != null).forEach(v -> form.refusals.putIfAbsent(v.field(), v));
        if (id == null) {
            session.setAttribute(KEY + wizard, form);
            model.addAttribute("conflicts", conflicts);
            return view.render(actor, form, 5, refused, model);
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

    /**
     * Leaves a step: keeps what it posted, goes back if asked, else has the step checked and moves on (from the
     * schedule step, a new filing is saved as a draft). The form is set in the session again, because Spring Session
     * JDBC saves only attributes that are set.
     */
    private String leave(Actor actor, String wizard, int step, String action, HttpSession session, Model model,
            Function<FilingForm, List<Violation>> apply) {
        FilingForm form = form(actor, session, wizard);
        if (form == null) {
            return afterwards(session, wizard);
        }
        try {
            form.refusals.keySet().removeIf(field -> FilingView.stepOf(field) == step);
            List<Violation> problems = new ArrayList<>(apply.apply(form));
            if (action.equals("back")) {
                return "redirect:/reports/file/" + wizard + "/" + Math.max(1, step - 1);
            }
            validator.check(step, form).stream()
                    .filter(v -> problems.stream().noneMatch(p -> java.util.Objects.equals(p.field(), v.field())))
                    .forEach(problems::add);
            if (!problems.isEmpty() || model.containsAttribute("institutionChoices")) {
                return view.render(actor, form, step, problems, model);
            }
            if (step == 4 && form.mode != FilingForm.Mode.CORRECT && form.mode != FilingForm.Mode.CHANGE) {
                List<Violation> refused = save(actor, form);
                if (!refused.isEmpty()) {
                    return view.render(actor, form, FilingView.firstStep(refused, 4), refused, model);
                }
            }
            return "redirect:/reports/file/" + wizard + "/" + (step + 1);
        } finally {
            if (session.getAttribute(KEY + wizard) != null) {
                session.setAttribute(KEY + wizard, form);
            }
        }
    }

    private static List<Violation> applied(Runnable apply) {
        apply.run();
        return List.of();
    }

    /** Step 1: a clerk picks one of the institution's own staff; anyone picks the supported institution. */
    private List<Violation> choose(Actor actor, FilingForm form, FilingSteps.Parties step, Model model) {
        if (form.partiesFixed()) {
            return List.of();
        }
        if (actor.is(Actor.Role.INSTITUTION)) {
            // only the institution's own staff, chosen by internal id: the page never carries anyone's full ID
            form.practitioner = null;
            form.personName = null;
            registry.staffOf(InstitutionCode.parse(actor.institutionCode()), RocDates.today(clock)).stream()
                    .filter(p -> String.valueOf(p.id()).equals(step.practitioner())).findFirst().ifPresent(p -> {
                        form.practitioner = p.nationalId().value();
                        form.personName = p.name();
                    });
        }
        form.category = step.category() == null ? "REGULAR" : step.category();
        String chosen = step.supportedChoice();
        String typed = FilingSteps.trim(step.supportedInstitution(), 100);
        String text = chosen != null && !chosen.isBlank() ? chosen : typed;
        form.supportedInstitution = null;
        form.supportedInstitutionName = null;
        if (text == null || text.isBlank()) {
            return List.of(Violation.of("supportedInstitution", "field.required"));
        }
        if (InstitutionCode.isValid(text)) {
            var found = registry.institution(InstitutionCode.parse(text));
            if (found.isPresent() && found.get().isOpen()) {
                form.supportedInstitution = found.get().code().value();
                form.supportedInstitutionName = found.get().name();
                return List.of();
            }
        }
        var matches = registry.findInstitutions(text, 20);
        if (matches.size() == 1) {
            form.supportedInstitution = matches.get(0).code().value();
            form.supportedInstitutionName = matches.get(0).name();
        } else if (matches.isEmpty()) {
            return List.of(Violation.of("supportedInstitution", "institution.notFound"));
        } else {
            model.addAttribute("institutionChoices", matches);
            model.addAttribute("institutionQuery", text);
        }
        return List.of();
    }

    /** Saves a new filing as a draft (or the draft again); what the domain refuses, by field. */
    private List<Violation> save(Actor actor, FilingForm form) {
        try {
            if (form.reportId == null) {
                form.reportId = reports.createDraft(actor, ReportInput.newReport(form.practitioner,
                        form.supportedInstitution, form.category, form.text()), "web-" + form.id).report().id();
                form.mode = FilingForm.Mode.DRAFT;
            } else {
                reports.update(actor, form.reportId, ReportInput.particulars(form.text()));
            }
            return List.of();
        } catch (DomainException e) {
            return e.violations();
        }
    }

    private Long finish(Actor actor, FilingForm form, List<Violation> refused, Map<String, Long> conflicts) {
        try {
            return switch (form.mode) {
                case NEW, DRAFT -> {
                    // what was reviewed is what is filed: the draft is saved from the form first
                    List<Violation> notSaved = save(actor, form);
                    if (!notSaved.isEmpty()) {
                        refused.addAll(notSaved);
                        yield null;
                    }
                    yield reports.submit(actor, form.reportId).id();
                }
                case CORRECT -> {
                    reports.update(actor, form.reportId, ReportInput.particulars(form.text()));
                    yield reports.submit(actor, form.reportId).id();
                }
                case CHANGE -> {
                    if (form.reason == null || form.reason.isBlank()) {
                        refused.add(Violation.of("reason", "reason.required"));
                        yield null;
                    }
                    yield reports.requestChange(actor, form.reportId, ReportInput.particulars(form.text()),
                            form.reason).id();
                }
            };
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.CONFLICT && form.reportId != null && alreadyDone(actor, form)) {
                return form.reportId; // a second click while the first filed it: nothing more to do
            }
            for (Violation v : e.violations()) {
                // an overlap links the report it collides with, where the actor may read it
                if (v.messageKey().equals("schedule.overlap") && !v.args().isEmpty()) {
                    String caseNumber = String.valueOf(v.args().get(0));
                    reports.findByCaseNumber(actor, caseNumber).ifPresent(id -> conflicts.put(caseNumber, id));
                }
                refused.add(v);
            }
            return null;
        }
    }

    private boolean alreadyDone(Actor actor, FilingForm form) {
        ReportView now = reports.get(actor, form.reportId);
        return form.mode == FilingForm.Mode.CHANGE
                ? now.pendingChange() != null && now.pendingChange().state() == Revision.State.SUBMITTED
                : now.status() == tw.gov.mohw.support.report.ReportStatus.SUBMITTED;
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

    /** A wizard no longer in the session: it was filed (show the report), or it is gone (start again). */
    private static String afterwards(HttpSession session, String wizard) {
        Object done = session.getAttribute(DONE + wizard);
        return done != null ? "redirect:/reports/" + done : "redirect:/reports/new";
    }

    /** A few forms at once (tabs), not an unbounded pile in a session stored in the database. */
    private static void keep(HttpSession session, FilingForm form) {
        var open = java.util.Collections.list(session.getAttributeNames()).stream().filter(n -> n.startsWith(KEY))
                .filter(n -> stored(session, n) != null)
                .sorted(java.util.Comparator.comparingLong(n -> stored(session, n).createdAt))
                .toList();
        for (int i = 0; i < open.size() - 4; i++) {
            session.removeAttribute(open.get(i));
        }
        session.setAttribute(KEY + form.id, form);
    }

    /** The actor's filing in progress, or null; only those who file have any (others are refused, not redirected). */
    private static FilingForm form(Actor actor, HttpSession session, String wizard) {
        requireApplicant(actor);
        return wizard.matches("[0-9a-f]{32}") ? stored(session, KEY + wizard) : null;
    }

    /**
     * A form kept in the session, or null. One saved by an earlier version of this class cannot be read back (the
     * session lives in the database across deployments): it is dropped, and the person starts the steps again.
     */
    private static FilingForm stored(HttpSession session, String name) {
        try {
            return session.getAttribute(name) instanceof FilingForm f ? f : null;
        } catch (RuntimeException unreadable) {
            session.removeAttribute(name);
            return null;
        }
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
}
