package tw.gov.mohw.support.fhir;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Service;
import tw.gov.mohw.support.registry.Department;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Profession;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.DatedSlot;
import tw.gov.mohw.support.report.ReportQuery;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportSummary;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.ResultPage;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;

/**
 * What an actor may read as FHIR: the approved reports {@link SupportReports} lets them see, and nothing else.
 * Every method takes the {@link Actor} and reads only through {@code SupportReports.search} and {@code get}, so the
 * one access policy decides — whoever the actor is (a signed-in session today; a bearer token's actor later).
 */
@Service
class ApprovedSupport {

    private static final Set<ReportStatus> APPROVED = Set.of(ReportStatus.APPROVED);
    private static final Pattern ROLE_ID = Pattern.compile("(\\d{1,18})(?:-d(\\d{1,4}))?");
    private static final Pattern PRACTITIONER_ID = Pattern.compile("\\d{1,18}");

    private final SupportReports reports;
    private final Registry registry;
    private final Clock clock;

    ApprovedSupport(SupportReports reports, Registry registry, Clock clock) {
        this.reports = reports;
        this.registry = registry;
        this.clock = clock;
    }

    /** One page of a PractitionerRole search, with the links built on {@code base} (…/fhir/r4). */
    Bundle search(Actor actor, SupportSearch search, String base) {
        Rows rows = rows(actor, search);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        if (rows.total() != null) {
            bundle.setTotal(rows.total());
        }
        String self = base + "/PractitionerRole?";
        bundle.addLink().setRelation("self").setUrl(self + search.query(search.page()));
        if (search.count() > 0 && rows.more()) {
            bundle.addLink().setRelation("next").setUrl(self + search.query(search.page() + 1));
        }
        if (search.count() > 0 && search.page() > 1) {
            bundle.addLink().setRelation("previous").setUrl(self + search.query(search.page() - 1));
        }
        Map<Long, Practitioner> practitioners = new LinkedHashMap<>();
        Map<String, Organization> organizations = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (ReportSummary row : rows.items()) {
            ReportView report = reports.get(actor, row.id());
            long practitionerId = reports.practitionerId(actor, row.id());
            SupportResources.Names names = names(report);
            List<PractitionerRole> roles = new ArrayList<>();
            roles.add(SupportResources.role(report, practitionerId, names, today()));
            List<DatedSlot> dated = report.inForce().particulars().schedule().dated();
            for (int n = 1; n <= dated.size(); n++) {
                // a date search asks for support on those days: a dated slot on another day is not it
                if (meets(dated.get(n - 1), search.from(), search.to())) {
                    roles.add(SupportResources.datedRole(report, practitionerId, names, n, now));
                }
            }
            roles.forEach(role -> entry(bundle, base, role, Bundle.SearchEntryMode.MATCH));
            if (search.includePractitioner()) {
                // the full ID only when the search named it: every row is then that person's
                practitioners.computeIfAbsent(practitionerId, id -> SupportResources.practitioner(id,
                        report.practitioner().name(), report.practitioner().professionCode(), names.profession(),
                        search.practitioner()));
            }
            if (search.includeOrganization()) {
                organizations.computeIfAbsent(report.supportedInstitution().code(),
                        code -> organization(code, report.supportedInstitution().name()));
            }
        }
        practitioners.values().forEach(p -> entry(bundle, base, p, Bundle.SearchEntryMode.INCLUDE));
        organizations.values().forEach(o -> entry(bundle, base, o, Bundle.SearchEntryMode.INCLUDE));
        return bundle;
    }

    /** {@code GET /PractitionerRole/{id}}: the report's role, or one of its dated slots' ({@code <id>-d<n>}). */
    PractitionerRole role(Actor actor, String id) {
        var m = ROLE_ID.matcher(id);
        if (!m.matches()) {
            throw FhirProblem.notFound();
        }
        ReportView report = approved(actor, Long.parseLong(m.group(1)));
        long practitionerId = reports.practitionerId(actor, report.id());
        if (m.group(2) == null) {
            return SupportResources.role(report, practitionerId, names(report), today());
        }
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || n > report.inForce().particulars().schedule().dated().size()) {
            throw FhirProblem.notFound();
        }
        return SupportResources.datedRole(report, practitionerId, names(report), n, clock.instant());
    }

    /**
     * {@code GET /Practitioner/{id}}: a person the actor sees in at least one approved report. Never with the
     * national ID: a read names none, so it would disclose one.
     */
    Practitioner practitioner(Actor actor, String id) {
        if (!PRACTITIONER_ID.matcher(id).matches()) {
            throw FhirProblem.notFound();
        }
        var person = registry.practitioner(Long.parseLong(id)).orElseThrow(FhirProblem::notFound);
        var seen = reports.search(actor, query(person.nationalId(), null, null, null, 0, 1));
        if (seen.items().isEmpty()) {
            throw FhirProblem.notFound();
        }
        return SupportResources.practitioner(person.id(), person.name(), person.professionCode(),
                registry.profession(person.professionCode()).map(Profession::nameZh).orElse(null), null);
    }

    /** {@code GET /Organization/{code}}: an institution the actor sees supported in at least one approved report. */
    Organization organization(Actor actor, String id) {
        InstitutionCode code;
        try {
            code = InstitutionCode.parse(id);
        } catch (RuntimeException e) {
            throw FhirProblem.notFound();
        }
        var search = new SupportSearch(null, code, null, null, 1, 1, false, false);
        if (rows(actor, search).items().isEmpty()) {
            throw FhirProblem.notFound();
        }
        return organization(code.value(), null);
    }

    /** The approved reports of one page, the total when known, and whether a next page has any. */
    private record Rows(List<ReportSummary> items, Integer total, boolean more) {
    }

    /** The page asked for; FHIR's {@code organization} is the supported institution only. */
    private Rows rows(Actor actor, SupportSearch search) {
        int size = Math.max(1, search.count());
        ResultPage<ReportSummary> page = reports.search(actor, query(search.practitioner(), search.organization(),
                search.from(), search.to(), search.page() - 1, size));
        long before = (long) (search.page() - 1) * size;
        return new Rows(search.count() == 0 ? List.of() : page.items(),
                page.totalExact() ? Math.toIntExact(page.total()) : null,
                !page.totalExact() || before + page.items().size() < page.total());
    }

    private static ReportQuery query(NationalId practitioner, InstitutionCode supported, LocalDate from,
            LocalDate to, int page, int size) {
        return new ReportQuery(practitioner, supported, APPROVED, from, to, null, false, ReportQuery.Sort.PERIOD_START,
                false, page, size, null, true);
    }

    /** The report, when the actor may see it and it is approved; else not found, whichever it was. */
    private ReportView approved(Actor actor, long id) {
        ReportView report = reports.get(actor, id);
        if (report.status() != ReportStatus.APPROVED) {
            throw FhirProblem.notFound();
        }
        return report;
    }

    private SupportResources.Names names(ReportView report) {
        return new SupportResources.Names(
                registry.department(report.inForce().particulars().departmentCode()).map(Department::nameZh)
                        .orElse(null),
                registry.profession(report.practitioner().professionCode()).map(Profession::nameZh).orElse(null));
    }

    private Organization organization(String code, String knownName) {
        Optional<Institution> institution = registry.institution(new InstitutionCode(code));
        return SupportResources.organization(code, institution.map(Institution::name).orElse(knownName),
                institution.map(Institution::isOpen).orElse(false));
    }

    /** Whether a dated slot meets the days [from, to] (either open). */
    private static boolean meets(DatedSlot slot, LocalDate from, LocalDate to) {
        if (from != null && !SupportResources.end(slot).isAfter(from.atStartOfDay(RocDates.ZONE).toInstant())) {
            return false;
        }
        return to == null || SupportResources.start(slot).isBefore(to.plusDays(1).atStartOfDay(RocDates.ZONE)
                .toInstant());
    }

    private static void entry(Bundle bundle, String base, Resource resource, Bundle.SearchEntryMode mode) {
        bundle.addEntry().setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource).getSearch().setMode(mode);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(RocDates.ZONE));
    }
}
