package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * "Live", "effective end" and "ended" mean the same in Java and in SQL: random reports brought to their state by
 * the aggregate's own transitions (cancelled from random days, changes that reach further than the version in
 * force), stored by the repository, then asked on days around their periods — the Java answer of the loaded report
 * against {@link Lifecycle#liveSql} and {@link Lifecycle#endedSql} over the stored row.
 */
@IntegrationTest
class LifecycleSqlTest {

    static final long SEED = 1151204L;

    @Autowired JdbcClient jdbc;
    @Autowired Fixtures fixtures;
    @Autowired ReportRepository repository;

    @Test
    void javaAndSqlAgreeOnLiveAndEnded() {
        Random random = new Random(SEED);
        LocalDate today = fixtures.today();
        Instant now = Instant.now();
        String home = fixtures.institution("63000");
        String supported = fixtures.institution("65000");
        long person = jdbc.sql("select id from practitioner where national_id = ?")
                .param(fixtures.practitioner(home)).query(Long.class).single();
        Actor applicant = Actor.institution(home);
        Actor reviewer = Actor.staff(Actor.Role.REVIEWER, "r", "63000", "Q800000001");
        List<Long> ids = new ArrayList<>();
        Map<String, Integer> kinds = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            LocalDate start = today.plusDays(random.nextInt(60) - 40);
            LocalDate end = start.plusDays(random.nextInt(50));
            Particulars particulars = particulars(start, end);
            SupportReport r = SupportReport.draft(person, new InstitutionCode(home), new InstitutionCode(supported),
                    Jurisdiction.of("63000", "65000"), SupportCategory.REGULAR, particulars, applicant, null, now);
            String kind = List.of("draft", "submitted", "returned", "approved", "rejected", "withdrawn", "cancelled",
                    "change").get(random.nextInt(8));
            if (!kind.equals("draft")) {
                r.submit("測L" + System.nanoTime(), applicant, now);
            }
            switch (kind) {
                case "returned" -> r.returnForCorrection(reviewer, "補件", now);
                case "rejected" -> r.reject(reviewer, "不符", now);
                case "withdrawn" -> r.withdraw(applicant, "改期", now);
                case "approved", "cancelled", "change" -> r.approve(reviewer, "測L衛醫字第" + System.nanoTime() + "號", now);
                default -> { }
            }
            if (kind.equals("cancelled")) {
                // from any day of the period, the bureau's past days included
                r.cancel(start.plusDays(random.nextInt((int) (end.toEpochDay() - start.toEpochDay()) + 1)), reviewer,
                        "歇業", start, now, true);
            }
            if (kind.equals("change")) {
                // a change that may reach beyond the version in force, or end earlier
                LocalDate changedEnd = end.plusDays(random.nextInt(40) - 10);
                r.requestChange(particulars(start, changedEnd.isBefore(start) ? start : changedEnd), applicant, "延長",
                        start.minusDays(1), now);
            }
            repository.save(r);
            ids.add(r.id());
            kinds.merge(kind, 1, Integer::sum);
        }
        int live = 0;
        int ended = 0;
        for (int offset = -45; offset <= 90; offset += 5) {
            LocalDate day = today.plusDays(offset);
            Map<Long, boolean[]> sql = new HashMap<>();
            jdbc.sql("select r.id, " + Lifecycle.liveSql("r", ":day") + ", " + Lifecycle.endedSql("r", ":day")
                            + " from support_report r where r.id = any(:ids)")
                    .param("day", day).param("ids", ids.toArray(Long[]::new))
                    .query((rs, n) -> sql.put(rs.getLong(1), new boolean[] {rs.getBoolean(2), rs.getBoolean(3)}))
                    .list();
            for (long id : ids) {
                SupportReport r = repository.find(id).orElseThrow();
                String what = "report " + id + " " + r.status() + " on " + day + " (seed " + SEED + ")";
                assertThat(sql.get(id)[0]).as("live: " + what).isEqualTo(r.isLive(day));
                assertThat(sql.get(id)[1]).as("ended: " + what).isEqualTo(r.hasEnded(day));
                live += r.isLive(day) ? 1 : 0;
                ended += r.hasEnded(day) ? 1 : 0;
            }
        }
        // both answers occurred, for every kind of report
        assertThat(kinds).hasSize(8);
        assertThat(live).isGreaterThan(100);
        assertThat(ended).isGreaterThan(100);
    }

    private static Particulars particulars(LocalDate start, LocalDate end) {
        return new Particulars("02", "門診", new Period(start, end),
                Schedule.ofWeekly(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))));
    }
}
