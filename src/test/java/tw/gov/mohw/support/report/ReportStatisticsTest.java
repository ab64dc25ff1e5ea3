package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Statistics read the department and the first decision from the report row (V27): they must say what the revisions
 * and the transitions say.
 */
@IntegrationTest
class ReportStatisticsTest {

    @Autowired Fixtures fixtures;
    @Autowired Api api;
    @Autowired JdbcClient jdbc;
    @Autowired ReportStatistics statistics;

    @Test
    void theRowKeepsTheInForceDepartmentAndTheFirstDecision() {
        String bureau = "10016";
        String home = fixtures.institution(bureau);
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(5);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution(bureau), start.toString(), start.plusDays(10).toString(), "MONDAY", "09:00",
                "10:00"), Map.of("Idempotency-Key", "stats-row-" + person)).body().get("id").asLong();
        assertThat(firstDecided(id)).isNull();
        api.post("reviewer:" + bureau + ":stats-row", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE"));

        String department = jdbc.sql("select department_code from support_report where id = ?").param(id)
                .query(String.class).single();
        String revisionDepartment = jdbc.sql("""
                select v.department_code from support_report r join report_revision v on v.report_id = r.id
                   and v.revision_no = r.in_force_revision where r.id = ?""").param(id).query(String.class).single();
        assertThat(department).isNotNull().isEqualTo(revisionDepartment);
        OffsetDateTime approved = jdbc.sql("select min(at) from report_transition where report_id = ? and action = 'APPROVE'")
                .param(id).query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).single();
        assertThat(firstDecided(id)).isNotNull().isEqualTo(approved.toInstant());

        // the bureau's statistics count it, by its department too, and time its review
        var s = statistics.of(Actor.staff(Actor.Role.REVIEWER, "stats-row", bureau, null));
        assertThat(s.decided()).isPositive();
        assertThat(s.medianReview()).isNotNull();
        assertThat(s.counts().get(3).dimension()).isEqualTo("department");
        assertThat(s.counts().get(3).rows()).isNotEmpty();
    }

    private java.time.Instant firstDecided(long id) {
        OffsetDateTime t = jdbc.sql("select first_decided_at from support_report where id = ?").param(id)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single()
                .orElse(null);
        return t == null ? null : t.toInstant();
    }
}
