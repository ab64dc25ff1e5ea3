package tw.gov.mohw.support.synthetic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.gov.mohw.support.report.Lifecycle;

/**
 * What is in the database before a run: the reference data the generator draws from, and the rows a new batch must
 * fit with (codes and IDs not to repeat, practising people who may get more reports, the weekdays their live reports
 * already hold, the number counters). Read once, in a fixed order, so the same database gives the same run.
 */
final class Baseline {

    record Bureau(String countyCode, String countyName, String shortName) {}

    record Code(String code, String name) {}

    record ExistingInstitution(String code, String type, String countyCode, String status) {}

    /** A person with a practising, open-ended registration: may get reports. */
    record ExistingPractitioner(long id, String nationalId, String professionCode, String home, LocalDate validFrom) {}

    /** A live revision of an existing report: its period and the weekdays its slots touch (bit 0 = Monday). */
    record LiveRecord(long practitionerId, LocalDate start, LocalDate end, int mask) {}

    final List<Bureau> bureaus = new ArrayList<>();
    final List<Code> departments = new ArrayList<>();
    final List<Code> professions = new ArrayList<>();
    final List<ExistingInstitution> institutions = new ArrayList<>();
    final List<String> nationalIds = new ArrayList<>();
    final List<ExistingPractitioner> practising = new ArrayList<>();
    final List<LiveRecord> live = new ArrayList<>();
    final Map<String, Integer> professionCounts = new LinkedHashMap<>();
    /** bureau code | ROC year | kind → last value. */
    final Map<String, Integer> counters = new LinkedHashMap<>();
    long practitionerIdBase;
    long reportIdBase;

    static String counterKey(String bureau, int rocYear, String kind) {
        return bureau + "|" + rocYear + "|" + kind;
    }

    /**
     * Reads the database as it is. {@code liveFrom}: live reports whose period ended before this day cannot meet
     * anything generated now and are not read. The ID bases are left at "one past the highest ID in use".
     */
    static Baseline read(Connection c, LocalDate liveFrom) throws SQLException {
        Baseline b = new Baseline();
        query(c, "select county_code, county_name, short_name from health_bureau order by county_code", rs ->
                b.bureaus.add(new Bureau(rs.getString(1), rs.getString(2), rs.getString(3))));
        query(c, "select code, name_zh from department order by code", rs ->
                b.departments.add(new Code(rs.getString(1), rs.getString(2))));
        query(c, "select code, name_zh from profession order by code", rs ->
                b.professions.add(new Code(rs.getString(1), rs.getString(2))));
        if (b.bureaus.isEmpty() || b.professions.isEmpty() || b.departments.isEmpty()) {
            throw new IllegalStateException("reference data (health_bureau, profession, department) is not loaded");
        }
        query(c, "select code, type, county_code, status from institution order by code", rs ->
                b.institutions.add(new ExistingInstitution(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))));
        query(c, "select national_id from practitioner order by id", rs -> b.nationalIds.add(rs.getString(1)));
        query(c, "select profession_code, count(*) from practitioner group by profession_code order by profession_code",
                rs -> b.professionCounts.put(rs.getString(1), rs.getInt(2)));
        query(c, """
                select distinct on (p.id) p.id, p.national_id, p.profession_code, r.institution_code, r.valid_from
                  from practitioner p join practice_registration r on r.practitioner_id = p.id
                 where r.status = 'PRACTISING' and r.valid_to is null
                 order by p.id, r.valid_from desc, r.id desc""", rs ->
                b.practising.add(new ExistingPractitioner(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class))));
        try (PreparedStatement ps = c.prepareStatement(LIVE_SQL)) {
            ps.setObject(1, liveFrom);
            ps.setObject(2, liveFrom);
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int mask = rs.getInt(4);
                    // A live schedule the query could not read holds every day, to be safe.
                    b.live.add(new LiveRecord(rs.getLong(1), rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class), mask == 0 ? 0x7F : mask));
                }
            }
        }
        query(c, "select bureau_code, roc_year, kind, last_value from report_number_counter"
                + " order by bureau_code, roc_year, kind", rs ->
                b.counters.put(counterKey(rs.getString(1), rs.getInt(2), rs.getString(3)), rs.getInt(4)));
        b.practitionerIdBase = single(c, "select coalesce(max(id), 0) + 1 from practitioner");
        b.reportIdBase = single(c, "select coalesce(max(id), 0) + 1 from support_report");
        return b;
    }

    /**
     * Every live revision (in force or pending) ending on or after the given day, with the weekdays it occupies:
     * each slot's own weekday, and the next one when it runs past midnight.
     */
    private static final String LIVE_SQL = """
            select r.practitioner_id, v.period_start, v.period_end, coalesce(m.mask, 0)
              from support_report r
              join report_revision v on v.report_id = r.id
                and (v.revision_no = r.in_force_revision or v.revision_no = r.pending_revision)
              cross join lateral (
                select bit_or((1 << (d - 1)) | case when e <= s then 1 << (d % 7) else 0 end) as mask
                  from (select array_position(array['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY',
                                 'SUNDAY'], w ->> 'day') as d, (w ->> 'start')::time as s, (w ->> 'end')::time as e
                          from jsonb_path_query(v.schedule, '$.weekly[*]') w
                        union all
                        select extract(isodow from (w ->> 'date')::date)::int, (w ->> 'start')::time,
                               (w ->> 'end')::time
                          from jsonb_path_query(v.schedule, '$.dated[*]') w) slots
                 where d is not null and s is not null and e is not null) m
             where LIVE and v.period_end >= ?
             order by r.id, v.revision_no""".replace("LIVE", Lifecycle.liveSql("r", "?"));

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
