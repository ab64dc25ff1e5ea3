package tw.gov.mohw.support.report;

/**
 * Whom a report concerns, which is all {@link ReportAccess} needs to decide who may see it.
 *
 * @param filed whether it has a case number (a draft concerns only its applicant)
 */
record Routing(long practitionerId, String homeInstitution, String supportedInstitution, String decidingBureau,
        String homeBureau, boolean filed) {
}
