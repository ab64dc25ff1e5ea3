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
        // Every figure from the report rows alone (V27 keeps the department and the first decision on them), so a
        // bureau's statistics are read from its status index, without the revisions and transitions; the names
        // are joined to the counts, not to the rows.
        List<Counts> counts = List.of(
                counts("status", "select r.status as k, count(*) from support_report r where " + where
                        + " group by 1 order by 2 desc", scope),
                counts("category", "select r.category as k, count(*) from support_report r where " + where
                        + " group by 1 order by 2 desc", scope),
                counts("profession", """
                        select pf.name_zh as k, sum(x.n) from (
                               select r.practitioner_id, count(*) n from support_report r where %s group by 1) x
                          join practitioner p on p.id = x.practitioner_id join profession pf on pf.code = p.profession_code
                         group by 1 order by 2 desc limit 15""".formatted(where), scope),
                counts("department", """
                        select d.name_zh as k, x.n from (
                               select r.department_code, count(*) n from support_report r where %s group by 1) x
                          join department d on d.code = x.department_code
                         order by 2 desc limit 15""".formatted(where), scope),
                counts("month", """
                        select to_char(r.submitted_at at time zone 'Asia/Taipei', 'YYYY-MM') as k, count(*)
                          from support_report r where %s and r.submitted_at is not null
                         group by 1 order by 1 desc limit 12""".formatted(where), scope));
        long total = counts.get(0).rows().values().stream().mapToLong(Long::longValue).sum();
        // the time to the first approval, return or rejection, of every report decided at least once
        var review = jdbc.sql("""
                select count(*), percentile_cont(0.5) within group (order by seconds),
                       percentile_cont(0.9) within group (order by seconds)
                  from (select extract(epoch from r.first_decided_at - r.submitted_at) as seconds
                          from support_report r
                         where %s and r.first_decided_at is not null and r.submitted_at is not null) firsts"""
                        .formatted(where))
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
