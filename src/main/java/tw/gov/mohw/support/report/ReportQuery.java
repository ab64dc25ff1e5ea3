package tw.gov.mohw.support.report;

import java.time.LocalDate;
import java.util.Set;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;

/**
 * Filters for a list of reports; every one optional. The caller's scope is always added on top, so a filter can
 * narrow what one may see, never widen it.
 *
 * @param from with {@code to}: reports whose period meets [from, to]
 * @param awaitingDecision only what waits for the bureau (a submission or a change), oldest first
 * @param text a whole case number, approval number or person's name
 * @param supportedOnly with {@code institution}: only reports supporting there (not those of its own staff)
 */
public record ReportQuery(NationalId practitioner, InstitutionCode institution, Set<ReportStatus> statuses,
        LocalDate from, LocalDate to, String bureau, boolean awaitingDecision, Sort sort, boolean descending,
        int page, int size, String text, boolean supportedOnly) {

    public static final int MAX_SIZE = 100;

    public ReportQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        sort = sort == null ? Sort.CREATED_AT : sort;
        text = text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code institution} as the home or the supported institution. */
    public ReportQuery(NationalId practitioner, InstitutionCode institution, Set<ReportStatus> statuses,
            LocalDate from, LocalDate to, String bureau, boolean awaitingDecision, Sort sort, boolean descending,
            int page, int size, String text) {
        this(practitioner, institution, statuses, from, to, bureau, awaitingDecision, sort, descending, page, size,
                text, false);
    }

    /** Without a text: every filter but the case number, approval number or name. */
    public ReportQuery(NationalId practitioner, InstitutionCode institution, Set<ReportStatus> statuses,
            LocalDate from, LocalDate to, String bureau, boolean awaitingDecision, Sort sort, boolean descending,
            int page, int size) {
        this(practitioner, institution, statuses, from, to, bureau, awaitingDecision, sort, descending, page, size,
                null);
    }

    /** The orders a list may be sorted in, each served by an index or a small result. */
    /** Whether a filter narrows the list within the caller's scope. */
    public boolean narrowed() {
        return practitioner != null || institution != null || !statuses.isEmpty() || from != null || to != null
                || bureau != null || text != null;
    }

    public enum Sort {
        CREATED_AT("r.created_at", false), SUBMITTED_AT("r.submitted_at", true), QUEUED_AT("r.queued_at", true),
        PERIOD_START("r.period_start", false), CASE_NUMBER("r.case_number", true);

        final String column;
        /** A column that may be null sorts nulls last; one that never is says nothing, so an index can give the order. */
        final boolean nullable;

        Sort(String column, boolean nullable) {
            this.column = column;
            this.nullable = nullable;
        }
    }
}
