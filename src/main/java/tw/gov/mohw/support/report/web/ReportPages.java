package tw.gov.mohw.support.report.web;

import java.time.Clock;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.Action;
import tw.gov.mohw.support.report.ReportAttachments;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.web.Problems;

/**
 * The applicant's pages: the start page (what concerns me, what needs my action) and a report's page with what
 * may be done to it now — 撤回, 註銷, 送出, and the way into 補正 and 變更.
 */
@Controller
class ReportPages {

    static final int PAGE_SIZE = 20;

    private final SupportReports reports;
    private final ReportAttachments attachments;
    private final Registry registry;
    private final Problems problems;
    private final Clock clock;

    ReportPages(SupportReports reports, ReportAttachments attachments, Registry registry, Problems problems,
            Clock clock) {
        this.reports = reports;
        this.attachments = attachments;
        this.registry = registry;
        this.problems = problems;
        this.clock = clock;
    }

    @GetMapping("/")
    String start(@AuthenticationPrincipal Actor actor, SearchForm search,
            @RequestParam(name = "page", defaultValue = "0") int page, Model model, Locale locale) {
        var problems = SearchForm.problems();
        var query = search.query(page, PAGE_SIZE, problems);
        var result = reports.search(actor, query);
        // what the actor must fix: what the bureau returned to them as applicant
        var needsAction = reports.returnedForCorrection(actor, 10);
        model.addAttribute("result", result);
        model.addAttribute("needsAction", needsAction);
        model.addAttribute("awaitingConsent", reports.awaitingConsent(actor, 20));
        if (actor.is(Actor.Role.PRACTITIONER)) {
            var week = reports.week(actor, NationalId.parse(actor.nationalId()), RocDates.today(clock));
            model.addAttribute("weekJson", TimetableData.json(week));
            model.addAttribute("weekMonday", RocDates.formatShort(week.monday()));
        }
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("search", search);
        model.addAttribute("filterErrors", problems.stream().map(v -> problems(v, locale)).toList());
        model.addAttribute("canFile", actor.is(Actor.Role.PRACTITIONER, Actor.Role.INSTITUTION));
        model.addAttribute("searchesPeople", !actor.is(Actor.Role.PRACTITIONER));
        return "reports/start";
    }

    private String problems(tw.gov.mohw.support.shared.Violation v, Locale locale) {
        return problems.message(v, locale);
    }

    /** A report's page; what the reader may do to it now comes with the report ({@code ReportView.actions}). */
    @GetMapping("/reports/{id}")
    String detail(@AuthenticationPrincipal Actor actor, @PathVariable long id, Model model, Locale locale) {
        ReportView report = reports.get(actor, id);
        model.addAttribute("report", report);
        var shown = report.pendingChange() != null ? report.pendingChange() : report.inForce();
        model.addAttribute("revision", shown);
        model.addAttribute("department", registry.department(shown.particulars().departmentCode())
                .map(d -> d.nameZh()).orElse(null));
        boolean changeReturned = report.pendingChange() != null
                && report.pendingChange().state() == tw.gov.mohw.support.report.Revision.State.RETURNED;
        model.addAttribute("reviewerComment", report.status() == ReportStatus.RETURNED ? lastReason(report,
                Action.RETURN) : changeReturned ? lastReason(report, Action.RETURN_CHANGE) : null);
        model.addAttribute("consentText", consent(report, locale));
        if (report.cannotDecide() != null) {
            model.addAttribute("cannotDecide", problems.message(
                    tw.gov.mohw.support.shared.Violation.of(null, report.cannotDecide()), locale));
        }
        model.addAttribute("attachments", attachments.list(actor, id));
        model.addAttribute("maxAttachmentMb", ReportAttachments.MAX_BYTES / 1024 / 1024);
        model.addAttribute("registrations", reports.registrations(actor, id).stream().map(r -> new Registration(
                registry.institution(r.institutionCode()).map(i -> i.name()).orElse(r.institutionCode().value()),
                registry.profession(r.professionCode()).map(p -> p.nameZh()).orElse(r.professionCode()), r)).toList());
        try {
            var week = reports.weekOfReport(actor, id);
            model.addAttribute("weekJson", TimetableData.json(week));
            model.addAttribute("weekMonday", RocDates.formatShort(week.monday()));
        } catch (DomainException nothingLiveToShow) {
            // a reader who sees none of the person's live reports gets no timetable
        }
        return "reports/detail";
    }

    @PostMapping("/reports/{id}/consent/request")
    String requestConsent(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect,
            Locale locale) {
        return act(id, redirect, locale, "consentRequested", () -> reports.requestConsent(actor, id));
    }

    /** The supported institution's clerk: 同意, or 不同意 with a reason. */
    @PostMapping("/reports/{id}/consent")
    String answerConsent(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(name = "answer", required = false) String answer,
            @RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect,
            Locale locale) {
        boolean agree = "agree".equals(answer);
        return act(id, redirect, locale, agree ? "consentAgreed" : "consentDeclined",
                () -> reports.answerConsent(actor, id, agree, trim(reason)));
    }

    @PostMapping("/reports/{id}/submit")
    String submit(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect,
            Locale locale) {
        return act(id, redirect, locale, "submitted", () -> reports.submit(actor, id));
    }

    @PostMapping("/reports/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect,
            Locale locale) {
        return act(id, redirect, locale, "withdrawn", () -> reports.withdraw(actor, id, trim(reason)));
    }

    @PostMapping("/reports/{id}/cancel")
    String cancel(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect,
            Locale locale) {
        return act(id, redirect, locale, "cancelled",
                () -> reports.cancel(actor, id, ReportInput.date("from", from), trim(reason)));
    }

    /** Does it, then shows the report with what happened, or with why not (nothing changed). */
    private String act(long id, RedirectAttributes redirect, Locale locale, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/reports/" + id;
    }

    /**
     * What the supported institution's consent means now: asked and unanswered only while the report still waits
     * on it; after a decision, withdrawal or cancellation an unanswered request is said to be so.
     */
    private String consent(ReportView report, Locale locale) {
        var c = report.consent();
        boolean open = report.status() == ReportStatus.SUBMITTED || report.status() == ReportStatus.RETURNED;
        String key = c.state() == tw.gov.mohw.support.report.Consent.State.REQUESTED && !open ? "consent.UNANSWERED"
                : "consent." + c.state();
        return problems.message(tw.gov.mohw.support.shared.Violation.of(null, key,
                c.at() == null ? "" : tw.gov.mohw.support.web.RocText.INSTANCE.instant(c.at()),
                c.reason() == null ? "" : c.reason()), locale);
    }

    private static String lastReason(ReportView report, Action action) {
        for (int i = report.history().size() - 1; i >= 0; i--) {
            if (report.history().get(i).action() == action) {
                return report.history().get(i).reason();
            }
        }
        return null;
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    /** A practice registration with its institution's and profession's names. */
    record Registration(String institution, String profession, tw.gov.mohw.support.registry.PracticeRegistration r) {
    }
}
