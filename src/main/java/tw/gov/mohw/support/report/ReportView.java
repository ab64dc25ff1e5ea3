package tw.gov.mohw.support.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A report as its readers see it: names resolved, the ID masked, the derived 已結束 state, the version in force,
 * a waiting change, the full history, and what the reader may do to it now.
 *
 * @param decidingBureau the bureau that reviews and decides (審核衛生局): the home institution's county's
 * @param informedBureau the bureau informed of it (副知): the supported institution's county's when it is another
 *     county, else {@code null}
 * @param actions what the reader may do now ({@link ReportPolicy#allowedActions}); a page shows these buttons
 * @param cannotDecide for staff of the deciding bureau whom separation of duties stops: the message key saying why
 */
public record ReportView(long id, String caseNumber, String approvalNumber, ReportStatus status, boolean ended,
        Person practitioner, Place homeInstitution, Place supportedInstitution, Place decidingBureau,
        Place informedBureau, SupportCategory category, Revision inForce, Revision pendingChange,
        LocalDate cancelledFrom, String filedBy, String actingFor, Instant createdAt, Instant submittedAt,
        Instant updatedAt, List<Transition> history, int version, Consent consent, Set<ReportAction> actions,
        String cannotDecide) {

    /** The person, with the ID masked (T12434****). */
    public record Person(String maskedNationalId, String name, String professionCode) {
    }

    /** An institution or a bureau: its code and name. */
    public record Place(String code, String name) {
    }

    /** Whether the reader may do {@code action} now (for pages: {@code report.may('DECIDE')}). */
    public boolean may(String action) {
        return actions.contains(ReportAction.valueOf(action));
    }
}
