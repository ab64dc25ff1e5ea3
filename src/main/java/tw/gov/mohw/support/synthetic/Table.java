package tw.gov.mohw.support.synthetic;

/**
 * The tables the generator fills, in the order a batch must be written so that every foreign key finds its row,
 * each with the columns of its rows (PostgreSQL COPY text format: tab-separated, {@code \N} for null).
 */
enum Table {
    INSTITUTION("institution (code, name, type, county_code, address, status)"),
    PRACTITIONER("practitioner (id, national_id, name, birth_date, profession_code, certificate_number, mobile)"),
    PRACTICE_REGISTRATION(
            "practice_registration (practitioner_id, institution_code, profession_code, status, valid_from, valid_to)"),
    SUPPORT_REPORT("support_report (id, case_number, approval_number, status, practitioner_id, home_institution,"
            + " supported_institution, deciding_bureau, informed_bureau, category, filed_by, acting_for, in_force_revision,"
            + " pending_revision, period_start, period_end, effective_end, cancelled_from, queued_at, submitted_at,"
            + " idempotency_key, created_at, updated_at, version, department_code, first_decided_at)"),
    REPORT_REVISION("report_revision (report_id, revision_no, state, department_code, content, period_start,"
            + " period_end, schedule, approval_number, created_at)"),
    REPORT_TRANSITION("report_transition (report_id, action, from_status, to_status, revision_no, actor, acting_for,"
            + " reason, at)");

    private final String target;

    Table(String target) {
        this.target = target;
    }

    /** The COPY statement that reads this table's rows from the client. */
    String copySql() {
        return "copy " + target + " from stdin";
    }
}
