package tw.gov.mohw.support.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/** Loads and stores {@link SupportReport} aggregates with plain SQL. Nothing is ever deleted. */
@Repository
class ReportRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    ReportRepository(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    Optional<SupportReport> find(long id) {
        return jdbc.sql("select * from support_report where id = ?").param(id).query(Row::new).optional()
                .map(this::assemble);
    }

    /** Locks the report's row for the rest of the transaction (decisions and edits on one report serialize). */
    Optional<SupportReport> findForUpdate(long id) {
        return jdbc.sql("select * from support_report where id = ? for update").param(id).query(Row::new).optional()
                .map(this::assemble);
    }

    /** Whom a report concerns, without assembling it: what an access check of something hanging off it needs. */
    Optional<Routing> routing(long id) {
        return jdbc.sql("""
                select practitioner_id, home_institution, supported_institution, deciding_bureau, informed_bureau,
                       case_number is not null, approval_number is not null from support_report where id = ?""")
                .param(id).query((rs, n) -> new Routing(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7))).optional();
    }

    Optional<Long> findIdByCaseNumber(String caseNumber) {
        return jdbc.sql("select id from support_report where case_number = ?").param(caseNumber).query(Long.class)
                .optional();
    }

    Optional<Long> findByIdempotencyKey(String filedBy, String key) {
        return jdbc.sql("select id from support_report where filed_by = ? and idempotency_key = ?")
                .params(filedBy, key).query(Long.class).optional();
    }

    /**
     * What the person's reports live from {@code from} on ({@link Lifecycle#liveSql}) hold, as far as {@code scope}
     * lets the reader see: each one's version in force (clipped to the day before a cancellation) and its waiting
     * change, in one query over the person's index.
     */
    List<LiveCommitment> liveCommitments(long practitionerId, LocalDate from, ReportPolicy.Scope scope) {
        return jdbc.sql("""
                select r.id, r.case_number, r.approval_number, r.status, r.practitioner_id, r.home_institution,
                       r.supported_institution,
                       r.deciding_bureau, r.informed_bureau, v.revision_no = r.pending_revision as pending,
                       v.period_start, v.period_end, r.cancelled_from, v.schedule
                  from support_report r
                  join report_revision v on v.report_id = r.id
                   and (v.revision_no = r.in_force_revision or v.revision_no = r.pending_revision)
                 where r.practitioner_id = :person and %s and %s
                 order by r.id, v.revision_no""".formatted(Lifecycle.liveSql("r", ":from"), scope.where()))
                .param("person", practitionerId).param("from", from).params(scope.params())
                .query((rs, n) -> {
                    boolean pending = rs.getBoolean("pending");
                    LocalDate end = rs.getObject("period_end", LocalDate.class);
                    if (!pending) {
                        end = Lifecycle.effectiveEnd(end, rs.getObject("cancelled_from", LocalDate.class));
                    }
                    return new LiveCommitment(rs.getLong("id"), rs.getString("case_number"),
                            ReportStatus.valueOf(rs.getString("status")),
                            new Routing(rs.getLong("practitioner_id"), rs.getString("home_institution"),
                                    rs.getString("supported_institution"), rs.getString("deciding_bureau"),
                                    rs.getString("informed_bureau"), rs.getString("case_number") != null,
                                    rs.getString("approval_number") != null),
                            pending, new Period(rs.getObject("period_start", LocalDate.class), end),
                            json.readValue(rs.getString("schedule"), Schedule.class));
                })
                .list().stream().filter(c -> !c.period().end().isBefore(c.period().start())).toList();
    }

    /**
     * Serializes everything that adds to one person's commitments: held until the transaction ends, so the overlap
     * check and the write that follows it cannot interleave with another's.
     */
    void lockPractitioner(long practitionerId) {
        jdbc.sql("select id from practitioner where id = ? for update").param(practitionerId).query(Long.class).single();
    }

    List<Revision> revisions(long reportId) {
        return jdbc.sql("select * from report_revision where report_id = ? order by revision_no")
                .param(reportId).query(this::revision).list();
    }

    void save(SupportReport report) {
        Instant now = report.updatedAt();
        long id;
        int version;
        if (report.id() == null) {
            version = 1;
            id = jdbc.sql("""
                    insert into support_report (case_number, approval_number, status, practitioner_id, home_institution,
                      supported_institution, deciding_bureau, informed_bureau, category, filed_by, acting_for,
                      in_force_revision, pending_revision, period_start, period_end, effective_end, cancelled_from,
                      queued_at, submitted_at, idempotency_key, created_at, updated_at, version, department_code,
                      first_decided_at)
                    values (:case, :approval, :status, :practitioner, :home, :supported, :deciding, :informed,
                      :category, :filedBy, :actingFor, :inForce, :pending, :start, :end, :effectiveEnd, :cancelledFrom,
                      :queuedAt, :submittedAt, :idem, :createdAt, :updatedAt, 1, :department, :firstDecided)
                    returning id""")
                    .params(common(report))
                    .param("practitioner", report.practitionerId())
                    .param("home", report.homeInstitution().value())
                    .param("supported", report.supportedInstitution().value())
                    .param("category", report.category().name())
                    .param("filedBy", report.filedBy())
                    .param("actingFor", report.actingFor())
                    .param("idem", report.idempotencyKey())
                    .param("createdAt", utc(report.createdAt()))
                    .query(Long.class).single();
        } else {
            id = report.id();
            version = report.version() + 1;
            int rows = jdbc.sql("""
                    update support_report set case_number = :case, approval_number = :approval, status = :status,
                      in_force_revision = :inForce, pending_revision = :pending, period_start = :start,
                      period_end = :end, effective_end = :effectiveEnd, cancelled_from = :cancelledFrom,
                      queued_at = :queuedAt, submitted_at = :submittedAt, updated_at = :updatedAt,
                      deciding_bureau = :deciding, informed_bureau = :informed, version = version + 1,
                      department_code = :department, first_decided_at = coalesce(first_decided_at, :firstDecided)
                    where id = :id and version = :version""")
                    .params(common(report)).param("id", id).param("version", report.version()).update();
            if (rows != 1) {
                // Someone else changed the report since it was read: tell the caller rather than overwrite.
                throw new DomainException(DomainException.Kind.CONFLICT,
                        Violation.of(null, "report.concurrent.modification", report.caseNumber()));
            }
        }
        if (report.consentChanged()) {
            Consent c = report.consent();
            jdbc.sql("""
                    update support_report set consent_state = ?, consent_by = ?, consent_reason = ?, consent_at = ?
                     where id = ?""")
                    .params(c.state().name(), c.by(), c.reason(), utc(c.at()), id).update();
        }
        for (Revision r : report.changedRevisions()) {
            Particulars p = r.particulars();
            jdbc.sql("""
                    insert into report_revision (report_id, revision_no, state, department_code, content, period_start,
                      period_end, schedule, approval_number, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                    on conflict (report_id, revision_no) do update set state = excluded.state,
                      department_code = excluded.department_code, content = excluded.content,
                      period_start = excluded.period_start, period_end = excluded.period_end,
                      schedule = excluded.schedule, approval_number = excluded.approval_number""")
                    .params(id, r.number(), r.state().name(), p.departmentCode(), p.content(), p.period().start(),
                            p.period().end(), json.writeValueAsString(p.schedule()), r.approvalNumber(),
                            utc(r.createdAt()))
                    .update();
        }
        // a command's transitions (filing: CREATE and SUBMIT) in one statement: the batch is sent as one insert
        batch.batchUpdate("""
                insert into report_transition (report_id, action, from_status, to_status, revision_no, actor,
                  acting_for, reason, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                report.newTransitions().stream().map(t -> new Object[] {id, t.action().name(),
                        t.from() == null ? null : t.from().name(), t.to().name(), t.revision(), t.actor(),
                        t.actingFor(), t.reason(), utc(t.at())}).toList());
        report.saved(id, version);
    }

    private static Map<String, Object> common(SupportReport report) {
        Period period = report.inForce().particulars().period();
        Map<String, Object> p = new HashMap<>();
        p.put("case", report.caseNumber());
        p.put("approval", report.approvalNumber());
        p.put("status", report.status().name());
        p.put("inForce", report.inForce().number());
        p.put("pending", report.pendingChange().map(Revision::number).orElse(null));
        p.put("start", period.start());
        p.put("end", period.end());
        p.put("effectiveEnd", report.holdsUntil());
        p.put("deciding", report.decidingBureau());
        p.put("informed", report.informedBureau());
        p.put("cancelledFrom", report.cancelledFrom());
        p.put("queuedAt", utc(report.queuedAt()));
        p.put("submittedAt", utc(report.submittedAt()));
        p.put("updatedAt", utc(report.updatedAt()));
        // kept on the row for the statistics (V27): the in-force department, and the first decision, once made
        p.put("department", report.inForce().particulars().departmentCode());
        p.put("firstDecided", utc(report.newTransitions().stream().filter(t -> FIRST_DECISIONS.contains(t.action()))
                .map(Transition::at).min(Instant::compareTo).orElse(null)));
        return p;
    }

    /** The actions whose first one ends a report's first review (ReportStatistics' review time). */
    private static final Set<Action> FIRST_DECISIONS = EnumSet.of(Action.APPROVE, Action.RETURN,
            Action.REJECT);

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private SupportReport assemble(Row row) {
        Map<Integer, Revision> revisions = jdbc.sql("""
                select * from report_revision where report_id = ? and revision_no in (?, ?)""")
                .params(row.id, row.inForceRevision, row.pendingRevision == null ? -1 : row.pendingRevision)
                .query(this::revision).list().stream().collect(Collectors.toMap(Revision::number, r -> r));
        List<Transition> history = jdbc.sql("select * from report_transition where report_id = ? order by id")
                .param(row.id).query((rs, n) -> new Transition(Action.valueOf(rs.getString("action")),
                        rs.getString("from_status") == null ? null : ReportStatus.valueOf(rs.getString("from_status")),
                        ReportStatus.valueOf(rs.getString("to_status")), rs.getInt("revision_no"),
                        rs.getString("actor"), rs.getString("acting_for"), rs.getString("reason"),
                        rs.getTimestamp("at").toInstant())).list();
        SupportReport report = SupportReport.restore(row.id, row.version, row.caseNumber, row.status,
                row.practitionerId, row.homeInstitution, row.supportedInstitution, row.decidingBureau, row.informedBureau,
                row.category, row.filedBy, row.actingFor, row.idempotencyKey, revisions.get(row.inForceRevision),
                row.pendingRevision == null ? null : revisions.get(row.pendingRevision), row.cancelledFrom,
                row.queuedAt, row.submittedAt, row.createdAt, row.updatedAt, history);
        report.restoreConsent(row.consent);
        return report;
    }

    private Revision revision(ResultSet rs, int n) throws SQLException {
        Schedule schedule = json.readValue(rs.getString("schedule"), Schedule.class);
        Particulars particulars = new Particulars(rs.getString("department_code"), rs.getString("content"),
                new Period(rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class)),
                schedule);
        return new Revision(rs.getInt("revision_no"), Revision.State.valueOf(rs.getString("state")), particulars,
                rs.getString("approval_number"), rs.getTimestamp("created_at").toInstant());
    }

    /** The report row as stored. */
    private static final class Row {
        final long id;
        final int version;
        final String caseNumber;
        final ReportStatus status;
        final long practitionerId;
        final InstitutionCode homeInstitution;
        final InstitutionCode supportedInstitution;
        final String decidingBureau;
        final String informedBureau;
        final SupportCategory category;
        final String filedBy;
        final String actingFor;
        final String idempotencyKey;
        final int inForceRevision;
        final Integer pendingRevision;
        final LocalDate cancelledFrom;
        final Instant queuedAt;
        final Instant submittedAt;
        final Instant createdAt;
        final Instant updatedAt;
        final Consent consent;

        Row(ResultSet rs, int n) throws SQLException {
            id = rs.getLong("id");
            version = rs.getInt("version");
            caseNumber = rs.getString("case_number");
            status = ReportStatus.valueOf(rs.getString("status"));
            practitionerId = rs.getLong("practitioner_id");
            homeInstitution = new InstitutionCode(rs.getString("home_institution"));
            supportedInstitution = new InstitutionCode(rs.getString("supported_institution"));
            decidingBureau = rs.getString("deciding_bureau");
            informedBureau = rs.getString("informed_bureau");
            category = SupportCategory.valueOf(rs.getString("category"));
            filedBy = rs.getString("filed_by");
            actingFor = rs.getString("acting_for");
            idempotencyKey = rs.getString("idempotency_key");
            inForceRevision = rs.getInt("in_force_revision");
            pendingRevision = (Integer) rs.getObject("pending_revision");
            cancelledFrom = rs.getObject("cancelled_from", LocalDate.class);
            queuedAt = instant(rs.getTimestamp("queued_at"));
            submittedAt = instant(rs.getTimestamp("submitted_at"));
            createdAt = instant(rs.getTimestamp("created_at"));
            updatedAt = instant(rs.getTimestamp("updated_at"));
            consent = new Consent(Consent.State.valueOf(rs.getString("consent_state")), rs.getString("consent_by"),
                    rs.getString("consent_reason"), instant(rs.getTimestamp("consent_at")));
        }

        private static Instant instant(Timestamp t) {
            return t == null ? null : t.toInstant();
        }
    }
}
