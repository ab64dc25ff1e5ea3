package tw.gov.mohw.support.report;

import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;

/** What an applicant files: who supports where, in which category, and the particulars. */
public record NewReport(NationalId practitioner, InstitutionCode supportedInstitution, SupportCategory category,
        Particulars particulars) {
}
