package tw.gov.mohw.support.report.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import tw.gov.mohw.support.report.ScheduleRules;

/**
 * What clients send. Everything arrives as bounded text and is turned into domain values by {@link RequestMapper},
 * so a bad date or ID becomes a field-level message rather than a parse failure of the whole body.
 */
final class ReportRequests {

    private ReportRequests() {}

    /** A new report: who supports where, in which category, and its particulars. */
    record NewReportRequest(
            @Size(max = 10) String practitioner,
            @Size(max = 10) String supportedInstitution,
            @Size(max = 20) String category,
            @Size(max = 4) String department,
            @Size(max = 1000) String content,
            @Valid PeriodRequest period,
            @Valid ScheduleRequest schedule) {
    }

    /** The particulars alone: an edit of a draft, a correction, or a change (變更) with its reason. */
    record ParticularsRequest(
            @Size(max = 4) String department,
            @Size(max = 1000) String content,
            @Valid PeriodRequest period,
            @Valid ScheduleRequest schedule,
            @Size(max = 500) String reason) {
    }

    /** Dates as ISO (2026-12-01) or ROC (1151201, 115/12/01, 115-12-01). */
    record PeriodRequest(@Size(max = 30) String start, @Size(max = 30) String end) {
    }

    record ScheduleRequest(@Size(max = ScheduleRules.MAX_WEEKLY_SLOTS) List<@Valid WeeklySlotRequest> weekly,
            @Size(max = ScheduleRules.MAX_DATED_SLOTS) List<@Valid DatedSlotRequest> dated) {
    }

    /** A weekday (MONDAY…SUNDAY or 1…7) and times HH:mm; an end not after the start runs past midnight. */
    record WeeklySlotRequest(@Size(max = 10) String day, @Size(max = 5) String start, @Size(max = 5) String end) {
    }

    record DatedSlotRequest(@Size(max = 30) String date, @Size(max = 5) String start, @Size(max = 5) String end) {
    }

    record ReasonRequest(@Size(max = 500) String reason) {
    }

    record CancelRequest(@Size(max = 30) String from, @Size(max = 500) String reason) {
    }

    record DecisionRequest(@Size(max = 10) String decision, @Size(max = 500) String reason) {
    }
}
