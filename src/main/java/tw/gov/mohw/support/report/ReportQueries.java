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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;

/**
 * Lists of reports, always within the actor's scope. The scopes (person, institution, bureau, queue) each have an
 * index; status and period narrow within them. See BENCHMARKS.md for the plans of the hot ones (a person's
 * reports, a bureau's queue).
 */
@Component
class ReportQueries {

    /**
     * A bureau's reports: those it decides, and those of its county's institutions decided elsewhere (副知). Written
     * so each arm matches one index (the second a partial one), which lets PostgreSQL combine them.
     */
    private static final String BUREAU =
            "(r.deciding_bureau = :bureau or (r.home_bureau = :bureau and r.home_bureau <> r.deciding_bureau))";

    /** What every list row is read from: the report with its person's and institutions' names. */
    private static final String SUMMARY = """
            select r.*, p.national_id, p.name as practitioner_name, h.name as home_name, s.name as supported_name
              from support_report r
              join practitioner p on p.id = r.practitioner_id
              join institution h on h.code = r.home_institution
              join institution s on s.code = r.supported_institution""";

    /** Counting stops here: beyond it a list says "more than", which is all a pager needs. */
    static final int COUNT_LIMIT = 10_000;

    private final JdbcClient jdbc;

    ReportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ResultPage<ReportSummary> search(Actor actor, long actorPractitionerId, ReportQuery q, LocalDate today) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (q.awaitingDecision() && actor.isBureauStaff()) {
            // A bureau's queue is what it decides (reports it only reads, 副知, wait for someone else), and a
            // queued report is always filed: two predicates that the partial queue index answers on its own.
            where.add("r.deciding_bureau = :ownBureau");
            params.put("ownBureau", actor.bureauCode());
        } else {
            scope(actor, actorPractitionerId, where, params);
        }
        if (q.practitioner() != null) {
            where.add("r.practitioner_id = (select id from practitioner where national_id = :nationalId)");
            params.put("nationalId", q.practitioner().value());
        }
        if (q.institution() != null) {
            where.add("(r.home_institution = :institution or r.supported_institution = :institution)");
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
            where.add(BUREAU);
            params.put("bureau", q.bureau());
        }
        if (q.text() != null) {
            // each alternative has its own index: the case and approval numbers are unique, names indexed (V13)
            where.add("(r.case_number = :text or r.approval_number = :text"
                    + " or r.practitioner_id in (select id from practitioner where name = :text))");
            params.put("text", q.text());
        }
        String order;
        if (q.awaitingDecision()) {
            where.add("r.queued_at is not null");
            order = "r.queued_at asc, r.id asc";
        } else {
            order = q.sort().column + (q.descending() ? " desc nulls last" : " asc nulls last") + ", r.id "
                    + (q.descending() ? "desc" : "asc");
        }
        String filter = where.isEmpty() ? "true" : String.join(" and ", where);
        int size = Math.max(1, Math.min(q.size(), ReportQuery.MAX_SIZE));
        int page = Math.max(0, q.page());
        List<ReportSummary> items = jdbc.sql("""
                %s
                 where %s
                 order by %s
                 limit :limit offset :offset""".formatted(SUMMARY, filter, order))
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> summary(rs, today)).list();
        long total = page == 0 && items.size() < size ? items.size()
                : jdbc.sql("select count(*) from (select 1 from support_report r where " + filter + " limit "
                        + (COUNT_LIMIT + 1) + ") capped").params(params).query(Long.class).single();
        return new ResultPage<>(items, page, size, Math.min(total, COUNT_LIMIT), total <= COUNT_LIMIT);
    }

    /**
     * 副知: filed reports whose person practises in the bureau's county but which another bureau decides, newest
     * first, read-only, with their outcome.
     */
    ResultPage<ReportSummary> informed(Actor actor, int page, int size, LocalDate today) {
        if (!actor.isBureauStaff()) {
            return new ResultPage<>(List.of(), 0, size, 0, true);
        }
        int p = Math.max(0, page);
        List<ReportSummary> items = jdbc.sql("""
                %s
                 where r.home_bureau = ? and r.deciding_bureau <> ? and r.case_number is not null
                 order by r.submitted_at desc, r.id desc limit ? offset ?""".formatted(SUMMARY))
                .params(actor.bureauCode(), actor.bureauCode(), size, (long) p * size)
                .query((rs, n) -> summary(rs, today)).list();
        long total = jdbc.sql("""
                select count(*) from (select 1 from support_report r where r.home_bureau = ? and r.deciding_bureau <> ?
                  and r.case_number is not null limit ?) capped""")
                .params(actor.bureauCode(), actor.bureauCode(), COUNT_LIMIT + 1).query(Long.class).single();
        return new ResultPage<>(items, p, size, Math.min(total, COUNT_LIMIT), total <= COUNT_LIMIT);
    }

    /** Filed reports naming the clerk's institution as the site whose electronic consent they wait for. */
    List<ReportSummary> awaitingConsent(Actor actor, int limit, LocalDate today) {
        if (!actor.is(Actor.Role.INSTITUTION)) {
            return List.of();
        }
        return jdbc.sql("""
                %s
                 where r.supported_institution = ? and r.consent_state = 'REQUESTED'
                   and r.status in ('SUBMITTED', 'RETURNED')
                 order by r.submitted_at, r.id limit ?""".formatted(SUMMARY))
                .params(actor.institutionCode(), Math.max(1, Math.min(limit, 100)))
                .query((rs, n) -> summary(rs, today)).list();
    }

    private static void scope(Actor actor, long practitionerId, List<String> where, Map<String, Object> params) {
        switch (actor.role()) {
            case PRACTITIONER -> {
                where.add("r.practitioner_id = :self");
                params.put("self", practitionerId);
            }
            case INSTITUTION -> {
                // Drafts are seen only by the home institution that writes them, not by the supported one.
                where.add("(r.home_institution = :own or (r.supported_institution = :own and r.case_number is not null))");
                params.put("own", actor.institutionCode());
            }
            case REVIEWER, BUREAU_ADMIN -> {
                where.add(BUREAU.replace(":bureau", ":ownBureau") + " and r.case_number is not null");
                params.put("ownBureau", actor.bureauCode());
            }
            case NATIONAL_VIEWER -> where.add("r.case_number is not null");
            default -> where.add("false");
        }
    }

    private static ReportSummary summary(ResultSet rs, LocalDate today) throws SQLException {
        ReportStatus status = ReportStatus.valueOf(rs.getString("status"));
        LocalDate effectiveEnd = rs.getObject("effective_end", LocalDate.class);
        boolean ended = (status == ReportStatus.APPROVED || status == ReportStatus.CANCELLED)
                && rs.getObject("pending_revision") == null && effectiveEnd.isBefore(today);
        return new ReportSummary(rs.getLong("id"), rs.getString("case_number"), rs.getString("approval_number"),
                status, ended, rs.getObject("pending_revision") != null,
                new NationalId(rs.getString("national_id")).masked(), rs.getString("practitioner_name"),
                rs.getString("home_institution"), rs.getString("home_name"), rs.getString("supported_institution"),
                rs.getString("supported_name"), rs.getString("deciding_bureau"),
                SupportCategory.valueOf(rs.getString("category")), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), instant(rs.getTimestamp("queued_at")),
                instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
