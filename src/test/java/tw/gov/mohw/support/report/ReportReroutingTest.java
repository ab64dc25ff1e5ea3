package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tw.gov.mohw.support.audit.AuditTrail;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Data stored under the old routing (the supported county decided, the home county was informed): V18 lists what is
 * not yet decided and renames the informed bureau; {@link ReportRerouting} moves each listed report to the home
 * county through the aggregate, as a system action in its history and the audit trail; decided reports stay.
 */
@IntegrationTest
class ReportReroutingTest {

    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired Fixtures fixtures;
    @Autowired Api api;
    @Autowired ReportRerouting rerouting;
    @Autowired AuditTrail audit;

    static final String HOME = "10002";      // 宜蘭縣
    static final String SUPPORTED = "10015"; // 花蓮縣

    /** V18 on a database at V17 holding reports of every state, some across counties and some within one. */
    @Test
    void v18ListsTheUndecidedCrossCountyReportsAndNamesTheInformedBureau() throws SQLException {
        String database = "routing_" + Long.toHexString(System.nanoTime());
        jdbc.sql("create database " + database).update();
        String url = environment.getProperty("spring.datasource.url").replace("/postgres?", "/" + database + "?");
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            var ds = new SingleConnectionDataSource(c, true);
            Flyway.configure().dataSource(ds).target("17").load().migrate();
            JdbcClient old = JdbcClient.create(ds);
            old.sql("""
                    insert into health_bureau (county_code, county_name, name, short_name, kind) values
                      ('10002', '宜蘭縣', '宜蘭縣政府衛生局', '宜縣', 'county'),
                      ('10015', '花蓮縣', '花蓮縣政府衛生局', '花縣', 'county')""").update();
            old.sql("insert into profession (code, name_zh, name_en) values ('A', '醫師', 'Physician')").update();
            old.sql("insert into department (code, name_zh) values ('02', '內科')").update();
            old.sql("""
                    insert into institution (code, name, type, county_code, address, status) values
                      ('9900000001', '宜蘭甲', 'CLINIC', '10002', '宜蘭', 'OPEN'),
                      ('9900000002', '宜蘭乙', 'CLINIC', '10002', '宜蘭', 'OPEN'),
                      ('9900000003', '花蓮丙', 'CLINIC', '10015', '花蓮', 'OPEN')""").update();
            long person = old.sql("""
                    insert into practitioner (national_id, name, birth_date, profession_code, certificate_number)
                    values ('Q100000001', '測試', '1980-01-01', 'A', '醫字1') returning id""").query(Long.class).single();
            Map<String, Long> ids = new LinkedHashMap<>();
            for (String status : List.of("DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "REJECTED", "WITHDRAWN",
                    "CANCELLED")) {
                // across counties, as the old routing stored it: the supported county decides, home informed
                ids.put(status + " across", oldRow(old, person, status, "9900000003", SUPPORTED, HOME));
                // within one county: one bureau
                ids.put(status + " within", oldRow(old, person, status, "9900000002", HOME, HOME));
            }

            Flyway.configure().dataSource(ds).load().migrate();

            List<Long> listed = old.sql("select report_id from report_rerouting order by report_id").query(Long.class)
                    .list();
            assertThat(listed).containsExactly(ids.get("DRAFT across"), ids.get("SUBMITTED across"),
                    ids.get("RETURNED across"));
            assertThat(old.sql("select from_bureau || '>' || to_bureau || '+' || informed_bureau from report_rerouting")
                    .query(String.class).list()).containsOnly(SUPPORTED + ">" + HOME + "+" + SUPPORTED);
            // nothing moved yet: the application does that; the informed bureau kept across counties, none within
            assertThat(old.sql("select deciding_bureau || '/' || coalesce(informed_bureau, '-') from support_report"
                    + " where id = ?").param(ids.get("APPROVED across")).query(String.class).single())
                    .isEqualTo(SUPPORTED + "/" + HOME);
            assertThat(old.sql("select count(*) from support_report where informed_bureau is null")
                    .query(Long.class).single()).isEqualTo(7);
        } finally {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
        }
    }

    private static long oldRow(JdbcClient old, long person, String status, String supported, String deciding,
            String homeBureau) {
        boolean filed = !status.equals("DRAFT");
        long id = old.sql("""
                insert into support_report (case_number, status, practitioner_id, home_institution, supported_institution,
                  deciding_bureau, home_bureau, category, filed_by, in_force_revision, period_start, period_end,
                  effective_end, created_at, updated_at, version)
                values (?, ?, ?, '9900000001', ?, ?, ?, 'REGULAR', 'practitioner:Q100000001', 1, current_date,
                  current_date + 30, current_date + 30, now(), now(), 1) returning id""")
                .params(filed ? "花縣115-" + System.nanoTime() % 1_000_000 : null, status, person, supported, deciding,
                        homeBureau)
                .query(Long.class).single();
        return id;
    }

    /** The job on this application's database: what V18 listed moves, through the aggregate. */
    @Test
    void theListedReportsMoveHomeAsASystemActionAndDecidedOnesStay() {
        String home = fixtures.institution(HOME);
        String supported = fixtures.institution(SUPPORTED);
        String person = fixtures.practitioner(home);
        String applicant = "practitioner:" + person;
        LocalDate start = fixtures.today().plusDays(30);
        Map<String, Long> ids = new LinkedHashMap<>();
        int week = 0;
        for (String state : List.of("DRAFT", "SUBMITTED", "RETURNED", "APPROVED")) {
            LocalDate from = start.plusWeeks(week++ * 2L);
            var body = Api.report(person, supported, from.toString(), from.plusDays(6).toString(), "MONDAY", "09:00",
                    "10:00");
            long id = state.equals("DRAFT") ? api.post(applicant, "/api/v1/reports", body).body().get("id").asLong()
                    : api.post(applicant, "/api/v1/submissions", body, Map.of("Idempotency-Key", "rr-" + state + person))
                            .body().get("id").asLong();
            if (state.equals("RETURNED")) {
                api.post("reviewer:" + HOME + ":rr", "/api/v1/reports/" + id + "/decisions",
                        Map.of("decision", "RETURN", "reason", "補件"));
            }
            if (state.equals("APPROVED")) {
                assertThat(api.post("reviewer:" + HOME + ":rr", "/api/v1/reports/" + id + "/decisions",
                        Map.of("decision", "APPROVE")).text("/status")).isEqualTo("APPROVED");
            }
            ids.put(state, id);
        }
        // turn them back into reports filed under the old routing, listed as V18 lists them; the approved one is
        // listed too, as if it had been decided on another node after V18 listed it
        for (long id : ids.values()) {
            jdbc.sql("update support_report set deciding_bureau = ?, informed_bureau = ? where id = ?")
                    .params(SUPPORTED, HOME, id).update();
            jdbc.sql("insert into report_rerouting (report_id, from_bureau, to_bureau, informed_bureau)"
                    + " values (?, ?, ?, ?)").params(id, SUPPORTED, HOME, SUPPORTED).update();
        }
        String caseNumber = api.get(applicant, "/api/v1/reports/" + ids.get("SUBMITTED")).text("/caseNumber");
        assertThat(queue(SUPPORTED, person)).containsExactly(ids.get("SUBMITTED"));
        assertThat(queue(HOME, person)).isEmpty();

        ReportRerouting.Outcome outcome = rerouting.moveAll();

        assertThat(outcome.moved()).isGreaterThanOrEqualTo(3);
        assertThat(outcome.skipped()).isGreaterThanOrEqualTo(1);
        for (String state : List.of("DRAFT", "SUBMITTED", "RETURNED")) {
            var report = api.get(applicant, "/api/v1/reports/" + ids.get(state));
            assertThat(report.text("/decidingBureau/code")).as(state).isEqualTo(HOME);
            assertThat(report.text("/informedBureau/code")).as(state).isEqualTo(SUPPORTED);
            assertThat(report.text("/status")).as(state).isEqualTo(state);
            var last = report.body().get("history").get(report.body().get("history").size() - 1);
            assertThat(last.get("action").asString()).as(state).isEqualTo("REROUTE");
            assertThat(last.get("actor").asString()).isEqualTo("staff:system-rerouting");
            assertThat(last.get("reason").asString()).contains("宜蘭縣政府衛生局", "花蓮縣衛生局");
            assertThat(jdbc.sql("select outcome from report_rerouting where report_id = ?").param(ids.get(state))
                    .query(String.class).single()).isEqualTo("MOVED");
        }
        // the case number is an identifier and stays; the waiting report is now in the home county's queue
        assertThat(api.get(applicant, "/api/v1/reports/" + ids.get("SUBMITTED")).text("/caseNumber"))
                .isEqualTo(caseNumber);
        assertThat(queue(HOME, person)).containsExactly(ids.get("SUBMITTED"));
        assertThat(queue(SUPPORTED, person)).isEmpty();
        assertThat(api.post("reviewer:" + HOME + ":rr", "/api/v1/reports/" + ids.get("SUBMITTED") + "/decisions",
                Map.of("decision", "APPROVE")).text("/approvalNumber")).startsWith("宜縣衛醫字第");
        // the decided one stays with the bureau that decided it
        var approved = api.get(applicant, "/api/v1/reports/" + ids.get("APPROVED"));
        assertThat(approved.text("/decidingBureau/code")).isEqualTo(SUPPORTED);
        assertThat(jdbc.sql("select outcome from report_rerouting where report_id = ?").param(ids.get("APPROVED"))
                .query(String.class).single()).isEqualTo("SKIPPED");
        // in the audit trail as the system's action, and the chain still holds
        await().atMost(Duration.ofSeconds(15)).until(() -> audit.forSubject("report:" + ids.get("SUBMITTED")).stream()
                .anyMatch(e -> e.action().equals("report.reroute")));
        assertThat(audit.forSubject("report:" + ids.get("SUBMITTED")).stream()
                .filter(e -> e.action().equals("report.reroute")).findFirst().orElseThrow().actor())
                .isEqualTo("staff:system-rerouting");
        assertThat(audit.verify().intact()).isTrue();
        // once done, nothing moves twice
        assertThat(rerouting.moveAll()).isEqualTo(new ReportRerouting.Outcome(0, 0));
    }

    private List<Long> queue(String bureau, String person) {
        return api.get("reviewer:" + bureau + ":q" + bureau, "/api/v1/reports?awaitingDecision=true&practitioner="
                + person)
                .body().get("items").findValues("id").stream().map(n -> n.asLong()).toList();
    }
}
