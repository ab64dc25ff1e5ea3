package tw.gov.mohw.support.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of a list: enough to find and open a report. IDs are masked.
 *
 * @param informedBureau the bureau informed (副知), {@code null} when the supported institution is in the same county
 */
public record ReportSummary(long id, String caseNumber, String approvalNumber, ReportStatus status, boolean ended,
        boolean changePending, String maskedNationalId, String practitionerName, String homeInstitution,
        String homeInstitutionName, String supportedInstitution, String supportedInstitutionName,
        String decidingBureau, String informedBureau, SupportCategory category, LocalDate periodStart, LocalDate periodEnd,
        Instant queuedAt, Instant submittedAt, Instant createdAt) {
}
