package tw.gov.mohw.support.report;

/**
 * Whom a report concerns: all {@link ReportPolicy} needs to decide who may see it.
 *
 * @param decidingBureau the bureau that reviews and decides (the county where the person's practice is registered)
 * @param informedBureau the bureau informed (副知) of a report supporting in another county; {@code null} in the
 *     same county
 * @param filed whether it has a case number (a draft concerns only its applicant)
 * @param approved whether it was ever approved (it has an approval number, kept through a change or cancellation):
 *     what the insurer may read
 */
record Routing(long practitionerId, String homeInstitution, String supportedInstitution, String decidingBureau,
        String informedBureau, boolean filed, boolean approved) {
}
