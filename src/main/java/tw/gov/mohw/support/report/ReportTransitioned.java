package tw.gov.mohw.support.report;

import java.time.Instant;

/**
 * Published after every transition of a report, in the same transaction (stored in the event publication registry,
 * so listeners such as the audit trail and notifications get it even if the process dies right after commit).
 */
public record ReportTransitioned(long reportId, String caseNumber, Action action, ReportStatus status,
        String actor, String actingFor, String reason, Instant at, long practitionerId, String decidingBureau,
        String homeBureau) {
}
