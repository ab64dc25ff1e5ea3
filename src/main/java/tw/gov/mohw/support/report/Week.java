package tw.gov.mohw.support.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A person's commitments in one Monday-to-Sunday week, for a timetable: every live report (in force or waiting),
 * with its concrete time intervals. {@code conflicts} lists intervals where two commitments meet — there should be
 * none, but data imported from elsewhere may hold some, and a timetable must show them.
 */
public record Week(LocalDate monday, String maskedNationalId, String name, String homeInstitution,
        String homeInstitutionName, List<Commitment> commitments, List<Interval> conflicts) {

    public record Commitment(long reportId, String caseNumber, ReportStatus status, boolean pendingChange,
            String supportedInstitution, String supportedInstitutionName, List<Interval> intervals) {
    }
}
