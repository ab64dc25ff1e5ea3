package tw.gov.mohw.support.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.DomainException;

/**
 * A PractitionerRole search as asked: every parameter known, or the search is refused (400) — a server that
 * silently ignored a filter would return more than the client meant to ask for.
 *
 * @param practitioner {@code practitioner.identifier}: the person's national ID (or resident certificate number)
 * @param organization {@code organization.identifier}: the supported institution's code
 * @param from with {@code date=YYYY-MM-DD} or {@code date=geYYYY-MM-DD}: support on or after this day
 * @param to with {@code date=YYYY-MM-DD} or {@code date=leYYYY-MM-DD}: support on or before this day
 * @param count {@code _count}: approvals per page (0 asks for the total alone)
 * @param page {@code page}: which page, from 1
 */
record SupportSearch(NationalId practitioner, InstitutionCode organization, LocalDate from, LocalDate to, int count,
        int page, boolean includePractitioner, boolean includeOrganization) {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 100;
    static final int MAX_PAGE = 100_000;

    static final String INCLUDE_PRACTITIONER = "PractitionerRole:practitioner";
    static final String INCLUDE_ORGANIZATION = "PractitionerRole:organization";

    private static final Set<String> KNOWN = Set.of("practitioner.identifier", "organization.identifier", "date",
            "_count", "page", "_include", "_format");
    private static final Pattern DATE = Pattern.compile("(eq|ge|le)?(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    /** Reads the query string's parameters (name to values, as the servlet gives them). */
    static SupportSearch parse(Map<String, List<String>> params) {
        for (var entry : params.entrySet()) {
            if (!KNOWN.contains(entry.getKey())) {
                throw FhirProblem.notSupported("Unknown or unsupported search parameter");
            }
            int allowed = entry.getKey().equals("date") || entry.getKey().equals("_include") ? 2 : 1;
            if (entry.getValue().size() > allowed) {
                throw FhirProblem.notSupported("Search parameter repeated");
            }
        }
        formatOnly(params.getOrDefault("_format", List.of()));
        NationalId practitioner = one(params, "practitioner.identifier") == null ? null
                : nationalId(token(one(params, "practitioner.identifier"), Set.of(FhirSystems.NATIONAL_ID,
                        FhirSystems.RESIDENT_NUMBER)));
        InstitutionCode organization = one(params, "organization.identifier") == null ? null
                : institution(token(one(params, "organization.identifier"), Set.of(FhirSystems.INSTITUTION_CODE)));
        LocalDate from = null;
        LocalDate to = null;
        for (String raw : params.getOrDefault("date", List.of())) {
            var m = DATE.matcher(raw == null ? "" : raw);
            if (!m.matches()) {
                throw FhirProblem.notSupported("date takes YYYY-MM-DD, optionally prefixed by eq, ge or le");
            }
            LocalDate day = date(m.group(2));
            String prefix = m.group(1) == null ? "eq" : m.group(1);
            if ((!prefix.equals("le") && from != null) || (!prefix.equals("ge") && to != null)) {
                throw FhirProblem.notSupported("date bounds repeated");
            }
            if (!prefix.equals("le")) {
                from = day;
            }
            if (!prefix.equals("ge")) {
                to = day;
            }
        }
        int count = number(one(params, "_count"), DEFAULT_COUNT, 0, Integer.MAX_VALUE, "_count");
        int page = number(one(params, "page"), 1, 1, MAX_PAGE, "page");
        boolean includePractitioner = false;
        boolean includeOrganization = false;
        for (String include : params.getOrDefault("_include", List.of())) {
            if (INCLUDE_PRACTITIONER.equals(include)) {
                includePractitioner = true;
            } else if (INCLUDE_ORGANIZATION.equals(include)) {
                includeOrganization = true;
            } else {
                throw FhirProblem.notSupported("_include supports PractitionerRole:practitioner and "
                        + "PractitionerRole:organization");
            }
        }
        // more than the maximum is not an error in FHIR: the server returns fewer, and says so in its links
        return new SupportSearch(practitioner, organization, from, to, Math.min(count, MAX_COUNT), page,
                includePractitioner, includeOrganization);
    }

    /** Reads and other routes take no parameter but {@code _format}. */
    static void formatOnly(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!name.equals("_format")) {
                throw FhirProblem.notSupported("Unknown or unsupported parameter");
            }
        }
        formatOnly(params.getOrDefault("_format", List.of()));
    }

    private static void formatOnly(List<String> formats) {
        if (formats.size() > 1) {
            throw FhirProblem.notSupported("_format repeated");
        }
        for (String format : formats) {
            // an unencoded '+' in a query string arrives as a space
            String f = format == null ? "" : format.strip().replace(' ', '+');
            if (!Set.of("json", "application/json", "application/fhir+json").contains(f)) {
                throw FhirProblem.notSupported("Only _format=json is supported");
            }
        }
    }

    /** The query string that asks for the same search on {@code otherPage}, for the Bundle's links. */
    String query(int otherPage) {
        List<String> parts = new ArrayList<>();
        if (practitioner != null) {
            parts.add("practitioner.identifier=" + encode(system(practitioner) + "|" + practitioner.value()));
        }
        if (organization != null) {
            parts.add("organization.identifier=" + encode(FhirSystems.INSTITUTION_CODE + "|" + organization.value()));
        }
        if (from != null && from.equals(to)) {
            parts.add("date=" + from);
        } else {
            if (from != null) {
                parts.add("date=ge" + from);
            }
            if (to != null) {
                parts.add("date=le" + to);
            }
        }
        if (includePractitioner) {
            parts.add("_include=" + encode(INCLUDE_PRACTITIONER));
        }
        if (includeOrganization) {
            parts.add("_include=" + encode(INCLUDE_ORGANIZATION));
        }
        parts.add("_count=" + count);
        parts.add("page=" + otherPage);
        return String.join("&", parts);
    }

    /** TW Core's system for the kind of number: 身分證 or 居留證. */
    static String system(NationalId id) {
        return id.kind() == NationalId.Kind.NATIONAL_ID ? FhirSystems.NATIONAL_ID : FhirSystems.RESIDENT_NUMBER;
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A token {@code system|value} or {@code value}; the system, when given, must be one the parameter knows. */
    private static String token(String raw, Set<String> systems) {
        int bar = raw.indexOf('|');
        if (bar >= 0 && !systems.contains(raw.substring(0, bar))) {
            throw FhirProblem.notSupported("Unknown identifier system");
        }
        String value = bar >= 0 ? raw.substring(bar + 1) : raw;
        if (value.isEmpty() || value.contains(",")) {
            throw FhirProblem.notSupported("One identifier value is supported");
        }
        return value;
    }

    private static NationalId nationalId(String value) {
        try {
            return NationalId.parse(value);
        } catch (DomainException e) {
            throw FhirProblem.badRequest("Not a valid national ID or resident certificate number");
        }
    }

    private static InstitutionCode institution(String value) {
        try {
            return InstitutionCode.parse(value);
        } catch (DomainException e) {
            throw FhirProblem.badRequest("Not a valid institution code");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw FhirProblem.badRequest("Not a valid date");
        }
    }

    private static int number(String raw, int otherwise, int min, int max, String name) {
        if (raw == null) {
            return otherwise;
        }
        if (!NUMBER.matcher(raw).matches() || Integer.parseInt(raw) < min || Integer.parseInt(raw) > max) {
            throw FhirProblem.badRequest(name.equals("page") ? "page takes a whole number from 1"
                    : "_count takes a whole number from 0");
        }
        return Integer.parseInt(raw);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
