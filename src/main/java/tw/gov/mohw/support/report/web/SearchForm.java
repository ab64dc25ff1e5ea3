package tw.gov.mohw.support.report.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.report.ReportQuery;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * 查詢: the filters of the start page and its exports, as typed (ROC dates, an ID, an institution code). What does
 * not parse is reported and left out, never widened: the caller's own scope is added to every query anyway.
 */
record SearchForm(String status, String from, String to, String person, String institution, String text) {

    /** The query for one page, and the problems with the filters (as violations to show). */
    ReportQuery query(int page, int size, List<Violation> problems) {
        return query(page, size, problems, false);
    }

    /** The bureau's queue narrowed by the same filters, oldest first (the queue is its own status). */
    ReportQuery queue(int page, int size, List<Violation> problems) {
        return query(page, size, problems, true);
    }

    private ReportQuery query(int page, int size, List<Violation> problems, boolean queue) {
        Set<ReportStatus> statuses = EnumSet.noneOf(ReportStatus.class);
        if (!queue && status != null && !status.isBlank()) {
            try {
                statuses.add(ReportStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                problems.add(Violation.of("status", "status.invalid"));
            }
        }
        NationalId id = null;
        if (person != null && !person.isBlank()) {
            if (NationalId.isValid(person.strip())) {
                id = NationalId.parse(person.strip());
            } else {
                problems.add(Violation.of("person", "id.national.invalid"));
            }
        }
        InstitutionCode code = null;
        if (institution != null && !institution.isBlank()) {
            if (InstitutionCode.isValid(institution.strip())) {
                code = InstitutionCode.parse(institution.strip());
            } else {
                problems.add(Violation.of("institution", "institution.code.invalid"));
            }
        }
        String words = text == null || text.isBlank() ? null : text.strip();
        if (words != null && words.length() > 40) {
            problems.add(Violation.of("text", "search.text.long"));
            words = null;
        }
        return new ReportQuery(id, code, statuses, date("from", from, problems), date("to", to, problems), null,
                queue, queue ? ReportQuery.Sort.QUEUED_AT : ReportQuery.Sort.CREATED_AT, !queue,
                Math.max(0, Math.min(page, 500)), size, words);
    }


    private static LocalDate date(String field, String raw, List<Violation> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ReportInput.date(field, raw);
        } catch (DomainException e) {
            problems.addAll(e.violations());
            return null;
        }
    }

    static List<Violation> problems() {
        return new ArrayList<>();
    }
}
