package tw.gov.mohw.support.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;

/**
 * Lists of reports, always within the actor's scope as {@link ReportPolicy} gives it. The scopes (person,
 * institution, bureau, queue) each have an index; status and period narrow within them. A scope of several arms (a
 * bureau's: what it decides, what it is informed of) is read arm by arm, each in order from its own index and cut to
 * the page, then merged, instead of sorting the bureau's whole share of the table. See BENCHMARKS.md for the plans.
 */
@Component
class ReportQueries {

    /** A case number (北市115-000123) and an approval number (北市衛醫字第1150000123號); any other text is a name. */
    private static final Pattern CASE_NUMBER = Pattern.compile("\\D{1,6}\\d{2,3}-\\d{6}");
    private static final Pattern APPROVAL_NUMBER = Pattern.compile("\\D{1,6}衛醫字第\\d{8,10}號");

    /**
     * What every list row is read from: the report with its person's and institutions' names. {@code %s} is the
     * page of reports, chosen, ordered and cut from {@code support_report} alone, so the names are looked up for
     * the rows shown only, not for every row a deep page skips.
     */
    private static final String SUMMARY = """
            select r.*, p.national_id, p.name as practitioner_name, h.name as home_name, s.name as supported_name
              from (%s) r
              join practitioner p on p.id = r.practitioner_id
              join institution h on h.code = r.home_institution
              join institution s on s.code = r.supported_institution""";

    /** Counting stops here: beyond it a list says "more than", which is all a pager needs. */
    static final int COUNT_LIMIT = 10_000;

    private final JdbcClient jdbc;

    ReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ResultPage<ReportSummary> search(ReportPolicy.Who who, ReportQuery q, LocalDate today) {
        List<String> where = new ArrayList<>();
        ReportPolicy.Scope scope = q.awaitingDecision() ? ReportPolicy.queueOf(who) : ReportPolicy.visibleTo(who);
        Map<String, Object> params = new HashMap<>(scope.params());
        List<String> arms = scope.arms().size() > 1 ? scope.arms() : List.of();
        if (arms.isEmpty()) {
            where.add(scope.where());
        }
        if (q.practitioner() != null) {
            where.add("r.practitioner_id = (select id from practitioner where national_id = :nationalId)");
            params.put("nationalId", q.practitioner().value());
        }
        if (q.institution() != null) {
            where.add(q.supportedOnly() ? "r.supported_institution = :institution"
                    : "(r.home_institution = :institution or r.supported_institution = :institution)");
            params.put("institution", q.institution().value());
        }
        if (!q.statuses().isEmpty()) {
            where.add("r.status in (:statuses)");
            params.put("statuses", q.statuses().stream().map(Enum::name).toList());
        }
        if (q.from() != null) {
            where.add("r.period_end >= :from");
            params.put("from", q.from());
        }
        if (q.to() != null) {
            where.add("r.period_start <= :to");
            params.put("to", q.to());
        }
        if (q.bureau() != null) {
            where.add("(r.deciding_bureau = :bureau or r.informed_bureau = :bureau)");
            params.put("bureau", q.bureau());
        }
        if (q.text() != null) {
            where.add(textPredicate(q.text()));
            params.put("text", q.text());
        }
        String order;
        if (q.awaitingDecision()) {
            where.add("r.queued_at is not null");
            order = "r.queued_at asc, r.id asc";
        } else {
            order = q.sort().column + (q.descending() ? " desc" : " asc") + (q.sort().nullable ? " nulls last" : "")
                    + ", r.id " + (q.descending() ? "desc" : "asc");
        }
        String filter = where.isEmpty() ? "true" : String.join(" and ", where);
        int size = Math.max(1, Math.min(q.size(), ReportQuery.MAX_SIZE));
        int page = Math.max(0, q.page());
        // Each arm is ordered and cut on its own (PostgreSQL would otherwise sort the arms' union): the page is
        // among the first offset + size rows of one arm or the other. The arms and the cut read only the id and
        // the sort key, which their indexes hold, so a deep page skips index entries, not rows (issue 15: at 10 M
        // reports page 500 fetched 10,000 rows to show 20); the page's rows are read by id afterwards.
        String keys = "r.id, " + (q.awaitingDecision() ? "r.queued_at" : q.sort().column);
        String rows = arms.isEmpty() ? "select " + keys + " from support_report r where " + filter
                : String.join(" union all ", arms.stream().map(arm -> "(select " + keys + " from support_report r where "
                        + arm + " and " + filter + " order by " + order + " limit :armLimit)").toList());
        String pageRows = "select r.* from support_report r where r.id in (select r.id from (" + rows + ") r order by "
                + order + " limit :limit offset :offset)";
        List<ReportSummary> items = jdbc.sql((SUMMARY + " order by %s").formatted(pageRows, order))
                .params(params).param("limit", size).param("offset", (long) page * size)
                .param("armLimit", (long) page * size + size)
                .query((rs, n) -> summary(rs, today)).list();
        String counted = arms.isEmpty() ? "select 1 from support_report r where " + filter
                : String.join(" union all ", arms.stream().map(arm -> "(select 1 from support_report r where " + arm
                        + " and " + filter + " limit " + (COUNT_LIMIT + 1) + ")").toList());
        long total = page == 0 && items.size() < size ? items.size()
                : jdbc.sql("select count(*) from (select 1 from (" + counted + ") r limit " + (COUNT_LIMIT + 1)
                        + ") capped").params(params).query(Long.class).single();
        return new ResultPage<>(items, page, size, Math.min(total, COUNT_LIMIT), total <= COUNT_LIMIT);
    }

    /**
     * The free text as one indexed lookup: a case or an approval number by its unique index, anything else a name
     * (V13's index; the ids are fetched first, so the reports are then found by the person index).
     */
    private static String textPredicate(String text) {
        if (CASE_NUMBER.matcher(text).matches()) {
            return "r.case_number = :text";
        }
        if (APPROVAL_NUMBER.matcher(text).matches()) {
            return "r.approval_number = :text";
        }
        return "r.practitioner_id = any(array(select id from practitioner where name = :text))";
    }

    /**
     * 副知: filed reports supporting in the bureau's county that another county's bureau decides, newest first,
     * read-only, with their outcome: the second arm of a bureau's lists, read in the order of its index.
     */
    ResultPage<ReportSummary> informed(ReportPolicy.Who who, int page, int size, LocalDate today) {
        ReportPolicy.Scope scope = ReportPolicy.informedOf(who);
        int p = Math.max(0, page);
        // the page's ids from the index alone, then their rows (as search does)
        List<ReportSummary> items = jdbc.sql((SUMMARY + " order by r.created_at desc, r.id desc").formatted("""
                select r.* from support_report r where r.id in (
                  select r.id from support_report r
                   where %s
                   order by r.created_at desc, r.id desc limit :limit offset :offset)""".formatted(scope.where())))
                .params(scope.params()).param("limit", size).param("offset", (long) p * size)
                .query((rs, n) -> summary(rs, today)).list();
        long total = jdbc.sql("select count(*) from (select 1 from support_report r where %s limit :cap) capped"
                        .formatted(scope.where()))
                .params(scope.params()).param("cap", COUNT_LIMIT + 1).query(Long.class).single();
        return new ResultPage<>(items, p, size, Math.min(total, COUNT_LIMIT), total <= COUNT_LIMIT);
    }

    /** Which of {@code ids} the scope lets through: for tests that hold the SQL to {@link ReportPolicy#maySee}. */
    List<Long> within(ReportPolicy.Scope scope, List<Long> ids) {
        return jdbc.sql("select r.id from support_report r where r.id = any(:ids) and " + scope.where()
                        + " order by r.id")
                .params(scope.params()).param("ids", ids.toArray(Long[]::new)).query(Long.class).list();
    }

    /**
     * What the bureau returned to the actor for correction (補正): returned reports and returned changes of which
     * they are the applicant, oldest first. A change waiting with nothing queued is one the bureau returned.
     */
    List<ReportSummary> returnedTo(ReportPolicy.Who who, int limit, LocalDate today) {
        ReportPolicy.Scope scope = ReportPolicy.asApplicant(who);
        return jdbc.sql((SUMMARY + " order by r.updated_at, r.id").formatted("""
                select r.* from support_report r
                 where %s and (r.status = 'RETURNED'
                       or (r.status = 'APPROVED' and r.pending_revision is not null and r.queued_at is null))
                 order by r.updated_at, r.id limit :limit""".formatted(scope.where())))
                .params(scope.params()).param("limit", Math.max(1, Math.min(limit, 100)))
                .query((rs, n) -> summary(rs, today)).list();
    }

    /** Filed reports naming the clerk's institution as the site whose electronic consent they wait for. */
    List<ReportSummary> awaitingConsent(Actor actor, int limit, LocalDate today) {
        if (!actor.is(Actor.Role.INSTITUTION)) {
            return List.of();
        }
        return jdbc.sql((SUMMARY + " order by r.submitted_at, r.id").formatted("""
                select r.* from support_report r
                 where r.supported_institution = ? and r.consent_state = 'REQUESTED'
                   and r.status in ('SUBMITTED', 'RETURNED')
                 order by r.submitted_at, r.id limit ?"""))
                .params(actor.institutionCode(), Math.max(1, Math.min(limit, 100)))
                .query((rs, n) -> summary(rs, today)).list();
    }

    private static ReportSummary summary(ResultSet rs, LocalDate today) throws SQLException {
        ReportStatus status = ReportStatus.valueOf(rs.getString("status"));
        // with no change waiting, the stored effective_end is the version in force's (Lifecycle)
        boolean ended = Lifecycle.ended(status, rs.getObject("pending_revision") != null,
                rs.getObject("effective_end", LocalDate.class), today);
        return new ReportSummary(rs.getLong("id"), rs.getString("case_number"), rs.getString("approval_number"),
                status, ended, rs.getObject("pending_revision") != null,
                new NationalId(rs.getString("national_id")).masked(), rs.getString("practitioner_name"),
                rs.getString("home_institution"), rs.getString("home_name"), rs.getString("supported_institution"),
                rs.getString("supported_name"), rs.getString("deciding_bureau"), rs.getString("informed_bureau"),
                SupportCategory.valueOf(rs.getString("category")), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), instant(rs.getTimestamp("queued_at")),
                instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
