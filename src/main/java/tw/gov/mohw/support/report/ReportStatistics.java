package tw.gov.mohw.support.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.shared.Actor;

/**
 * 統計: filed reports counted by status, category, profession, department and month of filing, and how long the
 * first decision took (median and 90th percentile) — for a bureau (what it decides) or, for the ministry, the
 * whole country.
 */
@Component
public class ReportStatistics {

    private final JdbcClient jdbc;

    ReportStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One table of counts: label → count, in display order. */
    public record Counts(String dimension, Map<String, Long> rows) {

        public long max() {
            return rows.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    public record Statistics(String scope, long total, List<Counts> counts, Duration medianReview,
            Duration p90Review, long decided) {
    }

    public Statistics of(Actor actor) {
        // who scopes statistics is ReportPolicy's; it needs no person behind the actor
        ReportPolicy.Scope scope = ReportPolicy.statisticsOf(new ReportPolicy.Who(actor, -1));
        String where = scope.where();
        List<Counts> counts = List.of(
                counts("status", "select r.status as k, count(*) from support_report r where " + where
                        + " group by 1 order by 2 desc", scope),
                counts("category", "select r.category as k, count(*) from support_report r where " + where
                        + " group by 1 order by 2 desc", scope),
                counts("profession", """
                        select pf.name_zh as k, count(*) from support_report r
                          join practitioner p on p.id = r.practitioner_id join profession pf on pf.code = p.profession_code
                         where %s group by 1 order by 2 desc limit 15""".formatted(where), scope),
                counts("department", """
                        select d.name_zh as k, count(*) from support_report r
                          join report_revision v on v.report_id = r.id and v.revision_no = r.in_force_revision
                          join department d on d.code = v.department_code
                         where %s group by 1 order by 2 desc limit 15""".formatted(where), scope),
                counts("month", """
                        select to_char(r.submitted_at at time zone 'Asia/Taipei', 'YYYY-MM') as k, count(*)
                          from support_report r where %s and r.submitted_at is not null
                         group by 1 order by 1 desc limit 12""".formatted(where), scope));
        long total = counts.get(0).rows().values().stream().mapToLong(Long::longValue).sum();
        var review = jdbc.sql("""
                select count(*), percentile_cont(0.5) within group (order by seconds),
                       percentile_cont(0.9) within group (order by seconds)
                  from (select extract(epoch from min(t.at) - r.submitted_at) as seconds
                          from support_report r join report_transition t on t.report_id = r.id
                         where %s and t.action in ('APPROVE', 'RETURN', 'REJECT') and r.submitted_at is not null
                         group by r.id, r.submitted_at) firsts""".formatted(where))
                .params(scope.params())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2), rs.getObject(3)}).single();
        return new Statistics(actor.isBureauStaff() ? actor.bureauCode() : "national", total, counts,
                duration(review[1]), duration(review[2]), (Long) review[0]);
    }

    private Counts counts(String dimension, String sql, ReportPolicy.Scope scope) {
        Map<String, Long> rows = new LinkedHashMap<>();
        jdbc.sql(sql).params(scope.params()).query((rs, n) -> rows.put(rs.getString(1), rs.getLong(2))).list();
        return new Counts(dimension, rows);
    }

    private static Duration duration(Object seconds) {
        return seconds == null ? null : Duration.ofSeconds(Math.round(((Number) seconds).doubleValue()));
    }
}
