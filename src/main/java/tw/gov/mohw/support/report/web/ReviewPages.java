package tw.gov.mohw.support.report.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.report.Decision;
import tw.gov.mohw.support.report.ReportSummary;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.web.Problems;

/**
 * The bureau's review (part of the back office): its queue, oldest first with days waiting, and the decisions
 * 核准 / 退回補正 / 駁回 on a report's page. The domain decides who may decide (the deciding bureau's staff, never
 * on a report they filed) and tells the second of two simultaneous reviewers that the report no longer waits.
 */
@Controller
class ReviewPages {

    private final SupportReports reports;
    private final Problems problems;
    private final Clock clock;

    ReviewPages(SupportReports reports, Problems problems, Clock clock) {
        this.reports = reports;
        this.problems = problems;
        this.clock = clock;
    }

    /** A queue row and how long it has waited. */
    record Waiting(ReportSummary report, long days) {
    }

    /**
     * 待審案件: what waits for the bureau, oldest first, narrowed by the start page's filters (period, person,
     * case number or name, institution); a filter that does not parse is reported and left out.
     */
    @GetMapping("/review")
    String queue(@AuthenticationPrincipal Actor actor, SearchForm search,
            @RequestParam(name = "page", defaultValue = "0") int page, Model model, Locale locale) {
        if (!actor.isBureauStaff()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "report.action.forbidden"));
        }
        var filters = SearchForm.problems();
        var query = search.queue(page, ReportPages.PAGE_SIZE, filters);
        var result = reports.search(actor, query);
        List<Waiting> rows = result.items().stream().map(r -> new Waiting(r, r.queuedAt() == null ? 0
                : Duration.between(r.queuedAt(), clock.instant()).toDays())).toList();
        model.addAttribute("result", result);
        model.addAttribute("rows", rows);
        model.addAttribute("search", search);
        model.addAttribute("searchesPeople", true);
        model.addAttribute("filtered", query.narrowed());
        model.addAttribute("filterErrors", filters.stream().map(v -> problems.message(v, locale)).toList());
        return "reports/review";
    }

    /** 副知: read-only, with each report's outcome. */
    @GetMapping("/review/informed")
    String informed(@AuthenticationPrincipal Actor actor, @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        if (!actor.isBureauStaff()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "report.action.forbidden"));
        }
        model.addAttribute("result", reports.informed(actor, Math.min(page, 500), ReportPages.PAGE_SIZE));
        return "reports/informed";
    }

    @PostMapping("/reports/{id}/decision")
    String decide(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(name = "decision", required = false) String decision,
            @RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect,
            Locale locale) {
        try {
            Decision d = Decision.valueOf(decision == null ? "" : decision);
            reports.decide(actor, id, d, reason == null ? null : reason.strip());
            redirect.addFlashAttribute("done", "decided." + d);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errors", List.of(problems.message(Violation.of("decision",
                    "decision.invalid"), locale)));
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/reports/" + id;
    }

    /** The full national ID, shown on request to bureau staff; every display goes to the audit trail. */
    @PostMapping("/reports/{id}/national-id")
    String disclose(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect,
            Locale locale) {
        try {
            redirect.addFlashAttribute("fullNationalId", reports.discloseNationalId(actor, id));
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/reports/" + id;
    }
}
