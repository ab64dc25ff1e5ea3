package tw.gov.mohw.support.report;

import java.time.Instant;

/**
 * One entry of a report's history: what was done, by whom (and for which institution), why and when (UTC).
 * Stored forever.
 */
public record Transition(Action action, ReportStatus from, ReportStatus to, int revision, String actor,
        String actingFor, String reason, Instant at) {
}
