package tw.gov.mohw.support.report;

import java.util.List;

/**
 * Published once for each command that changed a report, with the transitions it made in order (filing a report
 * in one step is two: CREATE and SUBMIT). Delivered synchronously inside the command's transaction: its listeners
 * (the audit trail's inbox, the notification queue) write their rows with the command's, so they commit or roll
 * back together and no separate event store or second transaction is needed.
 *
 * @param practitionerId the person the report is about (registry id)
 * @param filedBy the account that filed the report ({@code practitioner:…}, {@code institution:…}, or an API client's
 *     {@code api-client:…} acting for the home institution)
 * @param supportedInstitution the supported institution's code
 * @param decidingBureau the county code of the bureau that decides it ({@code null} in events stored before it was
 *     carried)
 * @param approvalNumber the approval number in force after the command, if any
 * @param homeInstitution the home institution's code ({@code null} in events stored before it was carried)
 */
public record ReportRecorded(long reportId, String caseNumber, long practitionerId, String filedBy,
        String supportedInstitution, String decidingBureau, String approvalNumber,
        List<ReportTransitioned> transitions, String homeInstitution) {

    public ReportRecorded {
        transitions = List.copyOf(transitions);
    }
}
