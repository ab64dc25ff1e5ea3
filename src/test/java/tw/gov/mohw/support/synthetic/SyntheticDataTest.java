package tw.gov.mohw.support.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.Interval;
import tw.gov.mohw.support.report.Overlaps;
import tw.gov.mohw.support.report.Period;
import tw.gov.mohw.support.report.Schedule;
import tw.gov.mohw.support.report.ScheduleRules;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * The synthetic data generator against the application's embedded PostgreSQL, which the other integration tests
 * share: whatever they left is "existing data" the batches must fit with, and the checks that are about the
 * generated rows only look at the rows these batches added (their IDs are above the ones in use before).
 */
@IntegrationTest
class SyntheticDataTest {

    private static final Set<String> LIVE = Set.of("SUBMITTED", "RETURNED", "APPROVED", "CANCELLED");

    @Autowired
    SyntheticData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        LocalDate today = LocalDate.of(2026, 7, 1);
        DigestSink first = new DigestSink();
        DigestSink second = new DigestSink();
        DigestSink other = new DigestSink();
        data.dryRun(42, 2_000, 300, 5_000, today, first);
        data.dryRun(42, 2_000, 300, 5_000, today, second);
        data.dryRun(43, 2_000, 300, 5_000, today, other);

        assertThat(second.hex()).isEqualTo(first.hex());
        assertThat(other.hex()).isNotEqualTo(first.hex());
        assertThat(first.rows(Table.INSTITUTION)).isEqualTo(300);
        assertThat(first.rows(Table.PRACTITIONER)).isEqualTo(2_000);
        assertThat(first.rows(Table.PRACTICE_REGISTRATION)).isEqualTo(2_000);
        assertThat(first.rows(Table.SUPPORT_REPORT)).isEqualTo(5_000);
        assertThat(first.rows(Table.REPORT_REVISION)).isEqualTo(5_000);
        assertThat(first.rows(Table.REPORT_TRANSITION)).isGreaterThan(5_000 * 2);
    }

    /**
     * On a database of its own (migrated, with the reference data and nothing else) the loader generates; run
     * again, it leaves what is there alone.
     */
    @Test
    void theLoaderGeneratesOnlyIntoAnEmptyDatabase() throws java.sql.SQLException {
        String database = "synthetic_" + Long.toHexString(System.nanoTime());
        jdbc.sql("create database " + database).update();
        String url = environment.getProperty("spring.datasource.url").replace("/postgres?", "/" + database + "?");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", "")) {
            var ds = new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true);
            org.flywaydb.core.Flyway.configure().dataSource(ds).load().migrate();
            JdbcClient empty = JdbcClient.create(ds);
            jdbc.sql("select county_code, county_name, name, short_name, kind from health_bureau").query((rs, n) ->
                    empty.sql("insert into health_bureau (county_code, county_name, name, short_name, kind)"
                            + " values (?, ?, ?, ?, ?)").params(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)).update()).list();
            jdbc.sql("select code, name_zh, name_en from profession").query((rs, n) -> empty.sql(
                    "insert into profession (code, name_zh, name_en) values (?, ?, ?)").params(rs.getString(1),
                    rs.getString(2), rs.getString(3)).update()).list();
            jdbc.sql("select code, name_zh from department").query((rs, n) -> empty.sql(
                    "insert into department (code, name_zh) values (?, ?)").params(rs.getString(1), rs.getString(2))
                    .update()).list();
            assertThat(empty.sql("select count(*) from practitioner").query(Long.class).single()).isZero();

            SyntheticData own = new SyntheticData(ds, json);
            new SyntheticDataLoader(own, empty, new SyntheticDataLoader.Settings(true, 11, 300, 60, 500)).run(null);
            assertThat(empty.sql("select count(*) from practitioner").query(Long.class).single()).isEqualTo(300);
            assertThat(empty.sql("select count(*) from support_report").query(Long.class).single()).isEqualTo(500);
            new SyntheticDataLoader(own, empty, new SyntheticDataLoader.Settings(true, 12, 300, 60, 500)).run(null);
            assertThat(empty.sql("select count(*) from practitioner").query(Long.class).single()).isEqualTo(300);
        } finally {
            jdbc.sql("drop database if exists " + database + " with (force)").update();
        }
    }

    /** The first practitioner and report IDs of the batches below, and the institutions there were before. */
    private long firstPractitioner;
    private long firstReport;
    private Set<String> earlierInstitutions;

    @Test
    void batchesOnTopOfExistingDataKeepEveryInvariant() {
        LocalDate today = LocalDate.now(RocDates.ZONE);
        firstPractitioner = count("select coalesce(max(id), 0) + 1 from practitioner");
        firstReport = count("select coalesce(max(id), 0) + 1 from support_report");
        earlierInstitutions = new HashSet<>(jdbc.sql("select code from institution").query(String.class).list());
        SyntheticData.Summary people = data.generate(7, 4_000, 500, 8_000, today);
        assertThat(people.institutions()).isEqualTo(500);
        assertThat(people.practitioners()).isEqualTo(4_000);
        assertThat(people.registrations()).isEqualTo(4_000);
        assertThat(people.reports()).isEqualTo(8_000);
        assertThat(people.revisions()).isEqualTo(8_000);
        // Reports only, for people and institutions that are there already (as the benchmark's later batches).
        SyntheticData.Summary more = data.generate(8, 0, 0, 12_000, today);
        assertThat(more.reports()).isEqualTo(12_000);
        // And one generated as of another day, whose periods lie elsewhere in time.
        data.generate(9, 0, 0, 3_000, today.minusDays(45));

        registryIsValid();
        reportsAreConsistent();
        liveReportsOfOnePersonNeverOverlap();
        numbersAreUniqueAndCountersAreAhead();
    }

    private void registryIsValid() {
        List<String> ids = jdbc.sql("select national_id from practitioner").query(String.class).list();
        assertThat(ids).isNotEmpty().allMatch(NationalId::isValid);
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        List<String> generatedIds = jdbc.sql("select national_id from practitioner where id >= ?")
                .param(firstPractitioner).query(String.class).list();
        assertThat(generatedIds).hasSize(4_000);
        long residents = generatedIds.stream().filter(id -> id.charAt(1) == '8' || id.charAt(1) == '9').count();
        assertThat(residents).isPositive().isLessThan(generatedIds.size() / 20);

        List<String> codes = jdbc.sql("select code from institution").query(String.class).list();
        assertThat(codes).allMatch(InstitutionCode::isValid);
        List<String> counties = jdbc.sql("select county_code from health_bureau order by county_code")
                .query(String.class).list();
        assertThat(counties).hasSize(22);
        record Generated(String code, String type, String county, String status) {}
        List<Generated> generated = jdbc.sql("select code, type, county_code, status from institution")
                .query((rs, n) -> new Generated(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().stream().filter(i -> !earlierInstitutions.contains(i.code())).toList();
        assertThat(generated).hasSize(500);
        for (Generated i : generated) {
            // 2-digit county (its place in county-code order), type digit, 7-digit serial.
            assertThat(i.code().substring(0, 2)).as(i.code()).isEqualTo("%02d".formatted(counties.indexOf(i.county()) + 1));
        }
        assertThat(generated.stream().map(Generated::county).distinct()).containsExactlyInAnyOrderElementsOf(counties);
        assertThat(generated.stream().filter(i -> i.type().equals("LONG_TERM_CARE") && i.status().equals("OPEN"))
                .map(Generated::county).distinct()).hasSize(22);
        Map<String, Long> types = new HashMap<>();
        generated.forEach(i -> types.merge(i.type(), 1L, Long::sum));
        assertThat(types.get("CLINIC")).isGreaterThan(500 / 2);
        assertThat(types.get("PHARMACY")).isGreaterThan(500 / 6);
        assertThat(types.getOrDefault("HOSPITAL", 0L)).isLessThan(500 / 20);
        assertThat(generated.stream().filter(i -> i.status().equals("OPEN")).count()).isGreaterThan(500 * 9 / 10);

        Map<String, Long> professions = counts("select profession_code, count(*) from practitioner where id >= "
                + firstPractitioner + " group by 1");
        assertThat(professions.get("F")).isGreaterThan(professions.get("A"));
        assertThat(professions.get("A")).isGreaterThan(professions.get("D"));
        Map<String, Long> registrations = counts("select status, count(*) from practice_registration"
                + " where practitioner_id >= " + firstPractitioner + " group by 1");
        assertThat(registrations.get("PRACTISING")).isGreaterThan(4_000 * 9 / 10);
        String[] broken = {
            "select count(*) from practitioner p where id >= ? and (select count(*) from practice_registration r"
                    + " where r.practitioner_id = p.id) <> 1",
            "select count(*) from practitioner where id >= ? and mobile !~ '^09[0-9]{8}$'",
            "select count(*) from practitioner where id >= ? and certificate_number !~ '^.+字第[0-9]{6,}號$'",
            "select count(*) from practitioner where id >= ? and (birth_date < date '1950-01-01'"
                    + " or birth_date > date '2000-12-31')",
        };
        for (String sql : broken) {
            assertThat(jdbc.sql(sql).param(firstPractitioner).query(Long.class).single()).as(sql).isZero();
        }
    }

    private void reportsAreConsistent() {
        Map<String, Long> statuses = counts("select status, count(*) from support_report where id >= " + firstReport
                + " group by status");
        assertThat(statuses.keySet()).containsExactlyInAnyOrder("DRAFT", "SUBMITTED", "RETURNED", "APPROVED",
                "REJECTED", "WITHDRAWN", "CANCELLED");
        assertThat(statuses.get("APPROVED")).isGreaterThan(statuses.get("SUBMITTED") * 2);
        // both kinds of routing occur: within one county (nobody informed) and 越區 (the supported county informed)
        Map<String, Long> routing = counts("select case when informed_bureau is null then 'one county' else 'two'"
                + " end, count(*) from support_report where id >= " + firstReport + " group by 1");
        assertThat(routing.keySet()).containsExactlyInAnyOrder("one county", "two");

        // Every row as V2 and the lifecycle say; each query counts the rows that break one rule.
        String[] broken = {
            "select count(*) from support_report where supported_institution = home_institution",
            "select count(*) from support_report r join institution i on i.code = r.supported_institution"
                    + " where i.status <> 'OPEN'",
            // routing by the regulation: the home county decides, the supported county is informed when it is
            // another county, and nobody when it is the same
            "select count(*) from support_report r join institution i on i.code = r.home_institution"
                    + " where i.county_code <> r.deciding_bureau",
            "select count(*) from support_report r join institution i on i.code = r.supported_institution"
                    + " where r.informed_bureau is distinct from nullif(i.county_code, r.deciding_bureau)",
            "select count(*) from support_report r join institution i on i.code = r.supported_institution"
                    + " where r.category = 'LONG_TERM_CARE' and i.type <> 'LONG_TERM_CARE'",
            "select count(*) from support_report where period_end < period_start"
                    + " or period_end >= period_start + interval '1 year'",
            "select count(*) from support_report where in_force_revision <> 1 or pending_revision is not null"
                    + " or version <> 1 or idempotency_key is not null",
            "select count(*) from support_report where (status = 'DRAFT') <> (case_number is null)",
            "select count(*) from support_report where (status = 'DRAFT') <> (submitted_at is null)",
            "select count(*) from support_report where (status in ('APPROVED', 'CANCELLED')) <> (approval_number is not null)",
            "select count(*) from support_report where (status = 'SUBMITTED') <> (queued_at is not null)"
                    + " or (queued_at is not null and queued_at <> submitted_at)",
            "select count(*) from support_report where (status = 'CANCELLED') <> (cancelled_from is not null)",
            "select count(*) from support_report where status = 'CANCELLED' and (cancelled_from <= period_start"
                    + " or cancelled_from > period_end or effective_end <> cancelled_from - 1)",
            "select count(*) from support_report where status <> 'CANCELLED' and effective_end <> period_end",
            "select count(*) from support_report where created_at > updated_at or submitted_at < created_at",
            "select count(*) from support_report where (acting_for is null) <> (filed_by like 'practitioner:%')",
            "select count(*) from support_report r join practitioner p on p.id = r.practitioner_id"
                    + " where r.filed_by like 'practitioner:%' and r.filed_by <> 'practitioner:' || p.national_id",
            "select count(*) from support_report where filed_by like 'institution:%'"
                    + " and filed_by <> 'institution:' || home_institution",
            // The home institution is where the person is registered, practising, for the whole period.
            "select count(*) from support_report r where not exists (select 1 from practice_registration g"
                    + " where g.practitioner_id = r.practitioner_id and g.institution_code = r.home_institution"
                    + " and g.status = 'PRACTISING' and g.valid_from <= r.period_start and g.valid_to is null)",
            "select count(*) from support_report r join report_revision v on v.report_id = r.id where"
                    + " v.state <> case r.status when 'CANCELLED' then 'APPROVED' else r.status end"
                    + " or v.period_start <> r.period_start or v.period_end <> r.period_end"
                    + " or v.approval_number is distinct from r.approval_number or v.created_at <> r.created_at",
            "select count(*) from support_report r where (select count(*) from report_revision v"
                    + " where v.report_id = r.id) <> 1",
            "select count(*) from support_report r where (select count(*) from report_transition t"
                    + " where t.report_id = r.id) <> case r.status when 'DRAFT' then 1 when 'SUBMITTED' then 2"
                    + " when 'CANCELLED' then 4 else 3 end",
            "select count(*) from support_report r where r.status <> (select t.to_status from report_transition t"
                    + " where t.report_id = r.id order by t.at desc, t.id desc limit 1)",
            "select count(*) from support_report r where r.updated_at <> (select max(t.at) from report_transition t"
                    + " where t.report_id = r.id)",
            "select count(*) from report_transition t join support_report r on r.id = t.report_id"
                    + " where t.action in ('RETURN', 'REJECT', 'CANCEL') and t.reason is null",
            "select count(*) from report_transition t join support_report r on r.id = t.report_id"
                    + " where t.action in ('APPROVE', 'RETURN', 'REJECT') and t.actor <> 'staff:reviewer-' || r.deciding_bureau",
            "select count(*) from report_transition t join support_report r on r.id = t.report_id"
                    + " where t.action in ('CREATE', 'SUBMIT', 'WITHDRAW') and (t.actor <> r.filed_by"
                    + " or t.acting_for is distinct from r.acting_for)",
            "select count(*) from report_transition t join support_report r on r.id = t.report_id where t.at > now()",
        };
        for (String sql : broken) {
            // Only this test's reports (a CTE of the same name hides the table).
            String scoped = "with support_report as (select * from public.support_report where id >= ?) " + sql;
            assertThat(jdbc.sql(scoped).param(firstReport).query(Long.class).single()).as(sql).isZero();
        }

        // Every schedule reads back as the repository reads it, and passes the schedule rules.
        jdbc.sql("select schedule::text, period_start, period_end from report_revision where report_id >= ?")
                .param(firstReport).query((rs, n) -> {
            Schedule schedule = json.readValue(rs.getString(1), Schedule.class);
            Period period = new Period(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class));
            assertThat(ScheduleRules.validate(period, schedule)).as(rs.getString(1)).isEmpty();
            return null;
        }).list();
        String sample = jdbc.sql("select schedule::text from report_revision where report_id >= ?"
                + " and jsonb_array_length(schedule -> 'weekly') > 0 limit 1").param(firstReport).query(String.class).single();
        assertThat(sample).matches(".*\"start\": ?\"[0-9]{2}:[0-9]{2}(:00)?\".*");
    }

    private void liveReportsOfOnePersonNeverOverlap() {
        record Live(long id, Period period, Schedule schedule) {}
        Map<Long, List<Live>> byPerson = new TreeMap<>();
        jdbc.sql("""
                select r.id, r.practitioner_id, r.status, v.period_start, v.period_end, v.schedule::text
                  from support_report r join report_revision v on v.report_id = r.id and v.revision_no = r.in_force_revision
                 where r.practitioner_id in (select practitioner_id from support_report where id >= ?)
                 order by r.id""").param(firstReport).query((rs, n) -> {
                    if (LIVE.contains(rs.getString(3))) {
                        byPerson.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Live(rs.getLong(1),
                                new Period(rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)),
                                json.readValue(rs.getString(6), Schedule.class)));
                    }
                    return null;
                }).list();
        long pairs = 0;
        int busiest = 0;
        for (List<Live> reports : byPerson.values()) {
            busiest = Math.max(busiest, reports.size());
            for (int i = 0; i < reports.size(); i++) {
                for (int j = i + 1; j < reports.size(); j++) {
                    Live a = reports.get(i);
                    Live b = reports.get(j);
                    // The whole period, even of a cancelled report: stricter than rule 4 needs.
                    Optional<Interval> overlap = Overlaps.firstOverlap(a.period(), a.schedule(), b.period(), b.schedule());
                    assertThat(overlap).as("live reports %d and %d", a.id(), b.id()).isEmpty();
                    pairs++;
                }
            }
        }
        assertThat(pairs).as("pairs of live reports of one person").isGreaterThan(1_000);
        assertThat(busiest).isGreaterThan(3);
    }

    private void numbersAreUniqueAndCountersAreAhead() {
        Map<String, String> shortNames = new HashMap<>();
        jdbc.sql("select county_code, short_name from health_bureau").query((rs, n) ->
                shortNames.put(rs.getString(1), rs.getString(2))).list();
        Map<String, Integer> counters = new HashMap<>();
        jdbc.sql("select bureau_code, roc_year, kind, last_value from report_number_counter").query((rs, n) ->
                counters.put(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3), rs.getInt(4))).list();
        Set<String> cases = new HashSet<>();
        Set<String> approvals = new HashSet<>();
        Map<String, Integer> highest = new HashMap<>();
        jdbc.sql("""
                select r.deciding_bureau, r.case_number, r.approval_number, r.submitted_at,
                       (select t.at from report_transition t where t.report_id = r.id and t.action = 'APPROVE') as approved_at
                  from support_report r where r.case_number is not null and r.id >= ?""").param(firstReport)
                .query((rs, n) -> {
                    String bureau = rs.getString(1);
                    String shortName = shortNames.get(bureau);
                    String caseNumber = rs.getString(2);
                    assertThat(cases.add(caseNumber)).as("unique %s", caseNumber).isTrue();
                    Matcher m = Pattern.compile(Pattern.quote(shortName) + "([0-9]+)-([0-9]{6})").matcher(caseNumber);
                    assertThat(m.matches()).as(caseNumber).isTrue();
                    int year = Integer.parseInt(m.group(1));
                    assertThat(year).isEqualTo(RocDates.rocYear(taipeiDate(rs.getTimestamp(4).toInstant())));
                    highest.merge(bureau + "|" + year + "|CASE", Integer.parseInt(m.group(2)), Math::max);
                    String approval = rs.getString(3);
                    if (approval != null) {
                        assertThat(approvals.add(approval)).as("unique %s", approval).isTrue();
                        Matcher a = Pattern.compile(Pattern.quote(shortName) + "衛醫字第([0-9]+)([0-9]{7})號")
                                .matcher(approval);
                        assertThat(a.matches()).as(approval).isTrue();
                        int approvalYear = Integer.parseInt(a.group(1));
                        assertThat(approvalYear)
                                .isEqualTo(RocDates.rocYear(taipeiDate(rs.getTimestamp(5).toInstant())));
                        highest.merge(bureau + "|" + approvalYear + "|APPROVAL", Integer.parseInt(a.group(2)), Math::max);
                    }
                    return null;
                }).list();
        assertThat(cases).hasSizeGreaterThan(20_000);
        // The next number a live submission draws is above every number in use.
        highest.forEach((key, max) ->
                assertThat(counters.getOrDefault(key, 0)).as("counter %s", key).isGreaterThanOrEqualTo(max));
    }

    private static LocalDate taipeiDate(Instant instant) {
        return LocalDate.ofInstant(instant, RocDates.ZONE);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> result = new HashMap<>();
        jdbc.sql(sql).query((rs, n) -> result.put(rs.getString(1), rs.getLong(2))).list();
        return result;
    }
}
