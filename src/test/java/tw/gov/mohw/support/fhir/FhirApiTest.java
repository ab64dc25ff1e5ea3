package tw.gov.mohw.support.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * FHIR R4 at /fhir/r4 (docs/architecture.md, "FHIR R4 (fhir)"): every resource the server returns is validated
 * against the R4 base profiles by HAPI's FhirInstanceValidator (no errors; warnings collected and printed), its
 * content checked against the reports it maps, and what each actor gets checked against the JSON API's policy.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirApiTest {

    private static final String NATIONAL_ID = "http://www.moi.gov.tw";
    private static final String INSTITUTION = "https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/organization-identifier-tw";
    private static final FhirContext FHIR = FhirContext.forR4();
    /** Built once for the class: the first validator takes seconds. */
    private static FhirValidator validator;
    private static final Set<String> WARNINGS = new TreeSet<>();

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    String home;
    String supported;
    String person;
    String clerk;
    LocalDate start;
    LocalDate end;
    LocalDate dated;
    long approved;
    long waiting;
    String approvalNumber;
    String caseNumber;

    @BeforeAll
    void world() {
        var chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        // The validator reads the R4 profiles as XML through HAPI's XmlUtil, which sets Woodstox properties on the
        // StAX factory the JDK's lookup finds — Aalto (fastexcel-reader's) comes first on this class path. XmlUtil
        // keeps the factory it made, so asking for Woodstox while the validator loads is enough; the application
        // itself never parses FHIR XML (it writes JSON, with no narrative).
        String stax = System.getProperty("javax.xml.stream.XMLInputFactory");
        System.setProperty("javax.xml.stream.XMLInputFactory", "com.ctc.wstx.stax.WstxInputFactory");
        try {
            validator.validateWithResult(new OperationOutcome().addIssue(new OperationOutcome.OperationOutcomeIssueComponent()
                    .setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)));
        } finally {
            if (stax == null) {
                System.clearProperty("javax.xml.stream.XMLInputFactory");
            } else {
                System.setProperty("javax.xml.stream.XMLInputFactory", stax);
            }
        }

        home = fixtures.institution("10002");      // 宜蘭縣: its bureau decides
        supported = fixtures.institution("10015"); // 花蓮縣: informed
        person = fixtures.practitioner(home);
        clerk = "institution:" + home;
        start = fixtures.today().plusDays(20);
        while (start.getDayOfWeek() != DayOfWeek.SUNDAY) {
            start = start.plusDays(1);
        }
        end = start.plusDays(27);
        dated = start.plusDays(3); // a Wednesday
        var body = new java.util.LinkedHashMap<String, Object>(Api.report(person, supported, start.toString(),
                end.toString(), "SUNDAY", "22:00", "02:00"));
        body.put("schedule", Map.of(
                "weekly", List.of(Map.of("day", "SUNDAY", "start", "22:00", "end", "02:00"),
                        Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")),
                "dated", List.of(Map.of("date", dated.toString(), "start", "20:00", "end", "01:00"),
                        Map.of("date", dated.plusDays(7).toString(), "start", "09:00", "end", "10:30"))));
        approved = approve(file(clerk, body, "fhir-a-" + person));
        var view = api.get(clerk, "/api/v1/reports/" + approved);
        assertThat(view.contentType()).as("the JSON API still answers with its own JSON").startsWith("application/json");
        approvalNumber = view.text("/approvalNumber");
        caseNumber = view.text("/caseNumber");
        assertThat(approvalNumber).isNotBlank();
        // filed, never approved: FHIR never shows it
        waiting = file(clerk, Api.report(person, fixtures.institution("10015"), start.toString(), end.toString(),
                "TUESDAY", "09:00", "10:00"), "fhir-w-" + person);
    }

    @AfterAll
    void printWarnings() {
        System.out.println("FHIR validator warnings (" + WARNINGS.size() + " distinct):");
        WARNINGS.forEach(w -> System.out.println("  " + w));
    }

    // --- CapabilityStatement --------------------------------------------------------------------------------------

    @Test
    void theCapabilityStatementIsOpenAndValid() {
        var r = api.get(null, "/fhir/r4/metadata");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualToIgnoringCase("application/fhir+json;charset=UTF-8");
        CapabilityStatement cs = valid(r.raw(), CapabilityStatement.class);
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getKind()).isEqualTo(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        assertThat(cs.getStatus().toCode()).isEqualTo("active");
        assertThat(cs.hasDate()).isTrue();
        assertThat(cs.getSoftware().getName()).contains("報備支援系統");
        assertThat(cs.getFormat()).extracting(f -> f.getValue()).contains("json");
        var resources = cs.getRestFirstRep().getResource();
        assertThat(resources).extracting(res -> res.getType())
                .containsExactly("PractitionerRole", "Practitioner", "Organization");
        assertThat(resources.get(0).getSearchParam()).extracting(p -> p.getName())
                .containsExactly("practitioner", "organization", "date");
        assertThat(resources.get(0).getSearchInclude()).extracting(i -> i.getValue())
                .containsExactly("PractitionerRole:practitioner", "PractitionerRole:organization");
        assertThat(api.get(null, "/fhir/r4/metadata?_format=json").status()).isEqualTo(200);
    }

    // --- the mapping ----------------------------------------------------------------------------------------------

    @Test
    void aSearchByThePersonsIdMapsTheApprovedReportExactly() {
        Bundle bundle = search(clerk, "practitioner.identifier=" + enc(NATIONAL_ID + "|" + person)
                + "&_include=PractitionerRole:practitioner&_include=PractitionerRole:organization");
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).as("the approved report; the waiting one never").isEqualTo(1);
        List<PractitionerRole> roles = roles(bundle);
        assertThat(roles).extracting(r -> r.getIdElement().getIdPart())
                .containsExactly(approved + "", approved + "-d1", approved + "-d2");
        PractitionerRole role = roles.get(0);
        assertThat(role.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("https://support.mohw.gov.tw/fhir/sid/approval-number", approvalNumber),
                org.assertj.core.groups.Tuple.tuple("https://support.mohw.gov.tw/fhir/sid/case-number", caseNumber));
        assertThat(role.getOrganization().getReference()).isEqualTo("Organization/" + supported);
        assertThat(role.getPractitioner().getReference()).startsWith("Practitioner/").doesNotContain(person);
        assertThat(role.getPeriod().getStartElement().getValueAsString()).isEqualTo(start.toString());
        assertThat(role.getPeriod().getEndElement().getValueAsString()).isEqualTo(end.toString());
        assertThat(role.getActive()).isTrue();
        assertThat(role.getSpecialtyFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/medical-consultation-department-nhi-tw");
        assertThat(role.getSpecialtyFirstRep().getCodingFirstRep().getCode()).isEqualTo("02");
        assertThat(role.getSpecialtyFirstRep().getCodingFirstRep().getDisplay()).isEqualTo("內科");
        assertThat(role.getCodeFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/health-professional-tw");
        assertThat(role.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("A");
        assertThat(role.getCodeFirstRep().getCodingFirstRep().getDisplay()).isEqualTo("西醫師");
        // 週日 22:00–02:00 crosses midnight: two entries, the first until the day's last second
        assertThat(times(role)).containsExactly("sun 22:00:00-23:59:59", "mon 00:00:00-02:00:00",
                "mon 09:00:00-12:00:00");
        // 指定日期: each its own role, its exact times with the offset; past midnight it ends the next day
        assertThat(period(roles.get(1))).isEqualTo(dated + "T20:00:00+08:00/" + dated.plusDays(1) + "T01:00:00+08:00");
        assertThat(period(roles.get(2))).isEqualTo(dated.plusDays(7) + "T09:00:00+08:00/" + dated.plusDays(7)
                + "T10:30:00+08:00");
        assertThat(roles.get(1).getIdentifier()).extracting(Identifier::getValue).contains(approvalNumber);
        assertThat(roles.get(1).getAvailableTime()).isEmpty();

        Practitioner practitioner = included(bundle, Practitioner.class);
        assertThat(practitioner.getIdElement().getIdPart()).isNotEqualTo(person)
                .isEqualTo(role.getPractitioner().getReferenceElement().getIdPart());
        assertThat(practitioner.getIdentifier()).as("the ID the search named, and only then")
                .extracting(Identifier::getSystem, Identifier::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NATIONAL_ID, person));
        assertThat(practitioner.getQualificationFirstRep().getCode().getCodingFirstRep().getCode()).isEqualTo("A");
        assertThat(practitioner.getNameFirstRep().getText()).isNotBlank();
        Organization organization = included(bundle, Organization.class);
        assertThat(organization.getIdentifierFirstRep().getSystem()).isEqualTo(INSTITUTION);
        assertThat(organization.getIdentifierFirstRep().getValue()).isEqualTo(supported);
        assertThat(organization.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("PRN");
        assertThat(organization.getName()).startsWith("測試診所");
        assertThat(organization.getActive()).isTrue();
    }

    @Test
    void readsByIdAreValidAndDiscloseNoId() {
        PractitionerRole role = read(clerk, "/fhir/r4/PractitionerRole/" + approved, PractitionerRole.class);
        assertThat(times(role)).containsExactly("sun 22:00:00-23:59:59", "mon 00:00:00-02:00:00",
                "mon 09:00:00-12:00:00");
        PractitionerRole night = read(clerk, "/fhir/r4/PractitionerRole/" + approved + "-d1", PractitionerRole.class);
        assertThat(period(night)).isEqualTo(dated + "T20:00:00+08:00/" + dated.plusDays(1) + "T01:00:00+08:00");
        var raw = api.get(clerk, "/fhir/r4/" + role.getPractitioner().getReference());
        Practitioner practitioner = valid(raw.raw(), Practitioner.class);
        assertThat(practitioner.getIdentifier()).as("a read names no ID, so it shows none").isEmpty();
        assertThat(raw.raw()).doesNotContain(person);
        Organization organization = read(clerk, "/fhir/r4/Organization/" + supported, Organization.class);
        assertThat(organization.getIdentifierFirstRep().getValue()).isEqualTo(supported);
        assertThat(notFound(clerk, "/fhir/r4/PractitionerRole/" + approved + "-d3")).isTrue();
    }

    @Test
    void withoutTheIdInTheSearchThePractitionerCarriesNone() {
        var r = api.get("institution:" + supported, "/fhir/r4/PractitionerRole?organization.identifier="
                + enc(INSTITUTION + "|" + supported) + "&_include=PractitionerRole:practitioner");
        Bundle bundle = valid(r.raw(), Bundle.class);
        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(included(bundle, Practitioner.class).getIdentifier()).isEmpty();
        assertThat(r.raw()).doesNotContain(person);
    }

    // --- searching ------------------------------------------------------------------------------------------------

    /** The organization of a PractitionerRole is where the support is: not the person's home institution. */
    @Test
    void anOrganizationIsTheSupportedInstitutionOnly() {
        assertThat(search(clerk, "organization.identifier=" + enc(INSTITUTION + "|" + supported)).getTotal())
                .isEqualTo(1);
        assertThat(search(clerk, "organization.identifier=" + enc(INSTITUTION + "|" + home)).getTotal()).isZero();
    }

    @Test
    void aDateSearchFindsSupportOnThatDay() {
        String byPerson = "practitioner.identifier=" + enc(NATIONAL_ID + "|" + person);
        assertThat(search(clerk, byPerson + "&date=" + start.plusDays(1)).getTotal()).isEqualTo(1);
        assertThat(search(clerk, byPerson + "&date=" + end).getTotal()).isEqualTo(1);
        assertThat(search(clerk, byPerson + "&date=" + end.plusDays(1)).getTotal()).isZero();
        assertThat(search(clerk, byPerson + "&date=" + start.minusDays(1)).getTotal()).isZero();
        assertThat(search(clerk, byPerson + "&date=ge" + end).getTotal()).isEqualTo(1);
        assertThat(search(clerk, byPerson + "&date=le" + start.minusDays(1)).getTotal()).isZero();
        // on the dated slot's day, its role comes with the report's; on another day, it does not
        assertThat(roles(search(clerk, byPerson + "&date=" + dated))).extracting(r -> r.getIdElement().getIdPart())
                .containsExactly(approved + "", approved + "-d1");
        assertThat(roles(search(clerk, byPerson + "&date=" + dated.plusDays(1))))
                .extracting(r -> r.getIdElement().getIdPart()).containsExactly(approved + "", approved + "-d1");
        assertThat(roles(search(clerk, byPerson + "&date=" + start))).hasSize(1);
    }

    @Test
    void pagesFollowTheNextLinkAndTotalsAgree() {
        String place = fixtures.institution("10015");
        String someone = fixtures.practitioner(home);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LocalDate from = fixtures.today().plusDays(30 + 10 * i);
            ids.add(approve(file(clerk, Api.report(someone, place, from.toString(), from.plusDays(6).toString(),
                    "MONDAY", "08:00", "09:00"), "fhir-p" + i + "-" + someone)));
        }
        String query = "organization.identifier=" + enc(INSTITUTION + "|" + place) + "&_count=2";
        Bundle page = search("national-viewer:mohw", query);
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            assertThat(page.getTotal()).isEqualTo(5);
            assertThat(roles(page)).hasSizeLessThanOrEqualTo(2);
            roles(page).forEach(r -> seen.add(r.getIdElement().getIdPart()));
            if (page.getLink("next") == null) {
                break;
            }
            String next = page.getLink("next").getUrl();
            page = search("national-viewer:mohw", next.substring(next.indexOf('?') + 1));
            assertThat(page.getLink("previous")).isNotNull();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids.stream().map(String::valueOf).toList());
        assertThat(search("national-viewer:mohw", query.replace("_count=2", "_count=0")).getEntry()).isEmpty();
    }

    // --- who sees what ----------------------------------------------------------------------------------------------

    @Test
    void onlyThoseThePolicyLetsSeeTheReportGetIt() {
        String byPerson = "practitioner.identifier=" + enc(NATIONAL_ID + "|" + person);
        for (String reader : List.of("practitioner:" + person, clerk, "institution:" + supported,
                "reviewer:10002:yi", "reviewer:10015:hua", "national-viewer:mohw")) {
            assertThat(search(reader, byPerson).getTotal()).as(reader).isEqualTo(1);
            assertThat(api.get(reader, "/fhir/r4/PractitionerRole/" + approved).status()).as(reader).isEqualTo(200);
        }
        for (String stranger : List.of("practitioner:" + fixtures.practitioner(home),
                "institution:" + fixtures.institution("10002"), "reviewer:63000:taipei", "system-admin:ops")) {
            Bundle empty = search(stranger, byPerson);
            assertThat(empty.getTotal()).as(stranger).isZero();
            assertThat(empty.getEntry()).isEmpty();
            assertThat(notFound(stranger, "/fhir/r4/PractitionerRole/" + approved)).as(stranger).isTrue();
            assertThat(notFound(stranger, "/fhir/r4/PractitionerRole/" + approved + "-d1")).as(stranger).isTrue();
            assertThat(notFound(stranger, "/fhir/r4/Organization/" + supported)).as(stranger).isTrue();
            String practitioner = read(clerk, "/fhir/r4/PractitionerRole/" + approved, PractitionerRole.class)
                    .getPractitioner().getReference();
            assertThat(notFound(stranger, "/fhir/r4/" + practitioner)).as(stranger).isTrue();
        }
        // filed but not approved: not there, even for the person and the bureau that sees it in the JSON API
        for (String reader : List.of("practitioner:" + person, "reviewer:10002:yi", "national-viewer:mohw")) {
            assertThat(api.get(reader, "/api/v1/reports/" + waiting).status()).isEqualTo(200);
            assertThat(notFound(reader, "/fhir/r4/PractitionerRole/" + waiting)).as(reader).isTrue();
        }
    }

    // --- refusals -----------------------------------------------------------------------------------------------

    @Test
    void refusalsAreOperationOutcomes() {
        for (String query : List.of("name=x", "_summary=true", "date=2026-13-45", "date=sa2026-01-01",
                "practitioner.identifier=" + enc("urn:other|" + person), "practitioner.identifier=A123",
                "_include=PractitionerRole:location", "_format=xml", "_count=-1", "page=0",
                "organization.identifier=" + enc(INSTITUTION + "|<script>"))) {
            var r = api.get(clerk, "/fhir/r4/PractitionerRole?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            OperationOutcome outcome = valid(r.raw(), OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(r.raw()).doesNotContain("<script>").doesNotContain("Exception");
        }
        for (String path : List.of("/fhir/r4/PractitionerRole/999999999", "/fhir/r4/PractitionerRole/x'1",
                "/fhir/r4/Practitioner/999999999", "/fhir/r4/Organization/0000000000", "/fhir/r4/Patient/1",
                "/fhir/r4/PractitionerRole/" + approved + "/_history")) {
            assertThat(notFound(clerk, path)).as(path).isTrue();
        }
        var anonymous = api.get(null, "/fhir/r4/PractitionerRole?practitioner.identifier=" + enc(NATIONAL_ID + "|" + person));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/fhir+json");
        valid(anonymous.raw(), OperationOutcome.class);
        assertThat(api.get(null, "/fhir/r4/PractitionerRole/" + approved).status()).isEqualTo(401);
        assertThat(api.get(clerk, "/fhir/r4/PractitionerRole/" + approved + "?foo=1").status()).isEqualTo(400);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private long file(String actor, Map<String, Object> body, String key) {
        var r = api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", key));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    private long approve(long id) {
        var r = api.post("reviewer:10002:yi", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return id;
    }

    private Bundle search(String actor, String query) {
        var r = api.get(actor, "/fhir/r4/PractitionerRole?" + query);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.contentType()).isEqualToIgnoringCase("application/fhir+json;charset=UTF-8");
        Bundle bundle = valid(r.raw(), Bundle.class);
        for (var entry : bundle.getEntry()) {
            valid(FHIR.newJsonParser().encodeResourceToString(entry.getResource()), entry.getResource().getClass());
        }
        return bundle;
    }

    private <T extends IBaseResource> T read(String actor, String path, Class<T> type) {
        var r = api.get(actor, path);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return valid(r.raw(), type);
    }

    private boolean notFound(String actor, String path) {
        var r = api.get(actor, path);
        if (r.status() != 404) {
            return false;
        }
        OperationOutcome outcome = valid(r.raw(), OperationOutcome.class);
        return outcome.getIssueFirstRep().getCode() == OperationOutcome.IssueType.NOTFOUND;
    }

    /** Validates {@code json} (no errors allowed; warnings are collected) and parses it. */
    private static <T extends IBaseResource> T valid(String json, Class<T> type) {
        var result = validator.validateWithResult(json);
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage m : result.getMessages()) {
            String text = m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
            if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(text);
            } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                WARNINGS.add(type.getSimpleName() + " " + text.replaceAll("\\[\\d+\\]", "[n]").replaceAll("/\\*[^*]*\\*/", ""));
            }
        }
        assertThat(errors).as(json).isEmpty();
        return FHIR.newJsonParser().parseResource(type, json);
    }

    private static List<PractitionerRole> roles(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(e -> (PractitionerRole) e.getResource()).toList();
    }

    private static <T extends Resource> T included(Bundle bundle, Class<T> type) {
        List<T> found = bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> times(PractitionerRole role) {
        return role.getAvailableTime().stream().map(t -> t.getDaysOfWeek().stream().map(d -> d.getValue().toCode())
                .collect(Collectors.joining(",")) + " " + t.getAvailableStartTime() + "-" + t.getAvailableEndTime())
                .toList();
    }

    private static String period(PractitionerRole role) {
        return role.getPeriod().getStartElement().getValueAsString() + "/"
                + role.getPeriod().getEndElement().getValueAsString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
