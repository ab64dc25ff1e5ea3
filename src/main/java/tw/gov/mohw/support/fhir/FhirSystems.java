package tw.gov.mohw.support.fhir;

/**
 * The identifier systems and code systems the resources carry. Taiwan's TW Core IG (臺灣核心實作指引,
 * https://twcore.mohw.gov.tw/ig/twcore/) defines the first group; where it defines nothing (a report's numbers),
 * the system is a URL of this service. They are identifiers, not addresses: they never change with the deployment.
 */
final class FhirSystems {

    /** TW Core Practitioner, slice idCardNumber: 身分證統一編號 (TW Core 0.2.2 onwards). */
    static final String NATIONAL_ID = "http://www.moi.gov.tw";
    /** TW Core Practitioner, slice residentNumber: 居留證統一證號. */
    static final String RESIDENT_NUMBER = "http://www.immigration.gov.tw";
    /** TW Core Organization (Organization-hosp-twcore): 醫事機構代碼. */
    static final String INSTITUTION_CODE = "https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/organization-identifier-tw";
    /** TW Core CodeSystem 臺灣健保署就醫科別 (medical-consultation-department-nhi-tw): the codes of departments.csv. */
    static final String DEPARTMENT = "https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/medical-consultation-department-nhi-tw";
    /** TW Core CodeSystem 臺灣醫事司醫事人員類別 (health-professional-tw): the codes of professions.csv. */
    static final String PROFESSION = "https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/health-professional-tw";

    /** HL7 identifier types, as TW Core uses them (NNxxx national person identifier, PRC, PRN provider number). */
    static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";

    /** This service's own: a report's 核准文號 and 案號. TW Core has no system for them. */
    static final String APPROVAL_NUMBER = "https://support.mohw.gov.tw/fhir/sid/approval-number";
    static final String CASE_NUMBER = "https://support.mohw.gov.tw/fhir/sid/case-number";

    private FhirSystems() {
    }
}
