/**
 * FHIR R4, read-only, at {@code /fhir/r4}: approved support (the version in force of each approved report) as
 * PractitionerRole, with its Practitioner and Organization, for hospitals and the insurer. Every read goes through
 * {@code report.SupportReports} with the caller's {@code Actor}, so the one access policy decides what anyone sees;
 * this module only maps what it is given. The mapping rules are in docs/architecture.md, "FHIR R4 (fhir)".
 */
package tw.gov.mohw.support.fhir;
