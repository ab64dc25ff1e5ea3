package tw.gov.mohw.support.report;

import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * "Effective end", "live" and "ended", defined once: the Java answers for one report and the SQL that lists and the
 * overlap check use over the stored columns of {@code support_report} (LifecycleSqlTest compares the two over
 * generated reports). {@code support_report.effective_end} stores {@link #holdsUntil}.
 */
public final class Lifecycle {

    private Lifecycle() {}

    /** The last day the version in force binds the person: its period's end, or the day before a cancellation. */
    public static LocalDate effectiveEnd(LocalDate periodEnd, LocalDate cancelledFrom) {
        return cancelledFrom != null && cancelledFrom.minusDays(1).isBefore(periodEnd) ? cancelledFrom.minusDays(1)
                : periodEnd;
    }

    /** The last day the report holds any of the person's time: a waiting change may reach further. */
    public static LocalDate holdsUntil(LocalDate effectiveEnd, LocalDate pendingChangeEnd) {
        return pendingChangeEnd != null && pendingChangeEnd.isAfter(effectiveEnd) ? pendingChangeEnd : effectiveEnd;
    }

    /**
     * Live on {@code day}: in a state that holds the person's time ({@link ReportStatus#LIVE}: submitted, returned,
     * approved, or cancelled from a later day) and not over before {@code day}. What rule 4 checks against.
     */
    public static boolean live(ReportStatus status, LocalDate holdsUntil, LocalDate day) {
        return ReportStatus.LIVE.contains(status) && !holdsUntil.isBefore(day);
    }

    /**
     * 已結束 on {@code today}: approved (or cancelled) and past its last day, with no change waiting (a waiting change
     * may still extend it).
     */
    public static boolean ended(ReportStatus status, boolean changePending, LocalDate effectiveEnd, LocalDate today) {
        return (status == ReportStatus.APPROVED || status == ReportStatus.CANCELLED) && !changePending
                && effectiveEnd.isBefore(today);
    }

    /** {@link #live} over {@code support_report} aliased {@code r}, on the day bound to {@code day} (a parameter). */
    public static String liveSql(String r, String day) {
        return r + ".status in (" + ReportStatus.LIVE.stream().map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ")) + ") and " + r + ".effective_end >= " + day;
    }

    /**
     * {@link #ended} over {@code support_report} aliased {@code r}. With no change waiting, the stored
     * {@code effective_end} is the version in force's {@link #effectiveEnd}.
     */
    public static String endedSql(String r, String today) {
        return "(" + r + ".status in ('APPROVED', 'CANCELLED') and " + r + ".pending_revision is null and " + r
                + ".effective_end < " + today + ")";
    }
}
