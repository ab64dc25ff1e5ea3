package tw.gov.mohw.support.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report as its readers see it: names resolved, the ID masked, the derived 已結束 state, the version in force,
 * a waiting change and the full history.
 */
public record ReportView(long id, String caseNumber, String approvalNumber, ReportStatus status, boolean ended,
        Person practitioner, Place homeInstitution, Place supportedInstitution, Place decidingBureau,
        Place homeBureau, SupportCategory category, Revision inForce, Revision pendingChange, LocalDate cancelledFrom,
        String filedBy, String actingFor, Instant createdAt, Instant submittedAt, Instant updatedAt,
        List<Transition> history, int version, Consent consent) {

    /** The person, with the ID masked (T12434****). */
    public record Person(String maskedNationalId, String name, String professionCode) {
    }

    /** An institution or a bureau: its code and name. */
    public record Place(String code, String name) {
    }
}
