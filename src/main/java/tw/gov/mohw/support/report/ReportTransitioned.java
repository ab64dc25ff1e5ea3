package tw.gov.mohw.support.report;

import java.time.Instant;

/** One transition of a report, as other modules hear of it (inside a {@link ReportRecorded}). */
public record ReportTransitioned(Action action, ReportStatus status, String actor, String actingFor, String reason,
        Instant at) {
}
