package tw.gov.mohw.support.fhir;

import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;
import org.springframework.stereotype.Component;

/** {@code GET /fhir/r4/metadata}: what this server does — exactly what {@link FhirController} serves. */
@Component
class Capabilities {

    static final String SOFTWARE = "報備支援系統 (support report system)";

    /** This statement's date: it changes only with a new version of the application, so its start. */
    private final Date started;

    Capabilities(Clock clock) {
        this.started = Date.from(clock.instant());
    }

    CapabilityStatement statement(String base) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDate(started);
        cs.setPublisher("衛生福利部");
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.getSoftware().setName(SOFTWARE);
        cs.getImplementation().setDescription("報備支援系統 FHIR R4 (read-only): approved support as PractitionerRole")
                .setUrl(base);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("json");
        cs.addFormat("application/fhir+json");
        var rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Read-only. Every read is scoped by the caller's access: what the caller may not see "
                + "is not found. PractitionerRole paging: _count (default 20, at most 100) approvals per page, "
                + "page=1,2,... (follow the Bundle's next link).");

        CapabilityStatementRestResourceComponent role = rest.addResource().setType("PractitionerRole");
        role.addInteraction().setCode(TypeRestfulInteraction.READ);
        role.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        role.addSearchParam().setName("practitioner")
                .setDefinition("http://hl7.org/fhir/SearchParameter/PractitionerRole-practitioner")
                .setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("Chained only: practitioner.identifier=" + FhirSystems.NATIONAL_ID
                        + "|{national ID} (or " + FhirSystems.RESIDENT_NUMBER + "|{resident certificate number})");
        role.addSearchParam().setName("organization")
                .setDefinition("http://hl7.org/fhir/SearchParameter/PractitionerRole-organization")
                .setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("Chained only: organization.identifier=" + FhirSystems.INSTITUTION_CODE
                        + "|{醫事機構代碼} (the supported institution)");
        role.addSearchParam().setName("date")
                .setDefinition("http://hl7.org/fhir/SearchParameter/PractitionerRole-date")
                .setType(Enumerations.SearchParamType.DATE)
                .setDocumentation("YYYY-MM-DD: approved support on that day (the period contains it); prefixes ge "
                        + "and le, one of each at most");
        role.addSearchInclude(SupportSearch.INCLUDE_PRACTITIONER);
        role.addSearchInclude(SupportSearch.INCLUDE_ORGANIZATION);

        for (String type : new String[] {"Practitioner", "Organization"}) {
            rest.addResource().setType(type).addInteraction().setCode(TypeRestfulInteraction.READ);
        }
        return cs;
    }
}
