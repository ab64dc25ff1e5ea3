package tw.gov.mohw.support.synthetic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.RocDates;

/**
 * The test environment's synthetic data (domain.md, "The test environment"): institutions in all 22 counties,
 * practitioners with valid checksummed IDs and a practice registration each, and support reports in every status
 * with their revision and history, written with COPY.
 *
 * <p>Deterministic: the same seed, sizes and {@code today} on the same database give the same rows. It can run
 * again on a database that has data: new institution codes and national IDs never repeat existing ones, reports may
 * go to people generated before (their live reports are taken into account, so rule 4 still holds), case and
 * approval numbers continue from the counters, and the counters are advanced past every number used, so live
 * submissions afterwards carry on without collisions.
 *
 * <p>A run is one transaction and holds locks on the tables it fills until it commits, so concurrent filing waits
 * rather than interleaving with it.
 */
@Component
public class SyntheticData {

    private static final Logger log = LoggerFactory.getLogger(SyntheticData.class);

    /** Reports start at most this many days before {@code today} (two years, plus a margin). */
    static final int HISTORY_DAYS = 740;

    private final DataSource dataSource;
    private final JsonMapper json;

    SyntheticData(DataSource dataSource, JsonMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * What a run added.
     *
     * @param elapsedMillis wall-clock time of the whole run, commit included
     */
    public record Summary(long seed, int institutions, int practitioners, int registrations, int reports,
            int revisions, int transitions, long elapsedMillis) {
    }

    /** {@link #generate(long, int, int, int, LocalDate)} with today's date in Taiwan. */
    public Summary generate(long seed, int practitioners, int institutions, int reports) {
        return generate(seed, practitioners, institutions, reports, LocalDate.now(RocDates.ZONE));
    }

    /**
     * Adds {@code institutions} institutions, {@code practitioners} practitioners (each with one practice
     * registration) and {@code reports} support reports (each with revision 1 and its transitions). Report periods
     * start from about two years before {@code today} to three months after it; every recorded event lies before
     * {@code today}.
     *
     * @throws IllegalArgumentException for negative sizes
     * @throws IllegalStateException when reports are asked for but there is nobody practising or fewer than two
     *     open institutions, or when the database refuses the rows (nothing is then written)
     */
    public Summary generate(long seed, int practitioners, int institutions, int reports, LocalDate today) {
        if (practitioners < 0 || institutions < 0 || reports < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            Generator generator;
            long[] copyMillis;
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("lock table report_number_counter, institution, practitioner, practice_registration,"
                            + " support_report, report_revision, report_transition in share row exclusive mode");
                    s.execute("set local synchronous_commit = off");
                }
                long t0 = System.nanoTime();
                Baseline baseline = Baseline.read(c, today.minusDays(HISTORY_DAYS));
                long t1 = System.nanoTime();
                long practitionerIds = reserve(c, "practitioner", practitioners);
                long reportIds = reserve(c, "support_report", reports);
                try (CopySink sink = new CopySink(c.unwrap(PGConnection.class).getCopyAPI())) {
                    generator = new Generator(baseline, seed, practitioners, institutions, reports, today, json, sink,
                            practitionerIds, reportIds);
                    generator.run();
                    copyMillis = sink.copyMillis();
                }
                long t2 = System.nanoTime();
                advanceCounters(c, generator.counters());
                c.commit();
                long t3 = System.nanoTime();
                log.debug("Synthetic data: read the database in {} ms, generated and copied in {} ms (COPY per table,"
                        + " ms: {}), counters and commit {} ms", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        Arrays.toString(copyMillis), (t3 - t2) / 1_000_000);
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            long analyzeStart = System.nanoTime();
            try (Statement s = c.createStatement()) {
                // Fresh statistics, so the first queries after a large batch are planned well.
                s.execute("analyze institution, practitioner, practice_registration, support_report, report_revision,"
                        + " report_transition");
            }
            log.debug("Synthetic data: analyze {} ms", (System.nanoTime() - analyzeStart) / 1_000_000);
            long[] w = generator.written;
            Summary summary = new Summary(seed, (int) w[Table.INSTITUTION.ordinal()],
                    (int) w[Table.PRACTITIONER.ordinal()], (int) w[Table.PRACTICE_REGISTRATION.ordinal()],
                    (int) w[Table.SUPPORT_REPORT.ordinal()], (int) w[Table.REPORT_REVISION.ordinal()],
                    (int) w[Table.REPORT_TRANSITION.ordinal()], (System.nanoTime() - started) / 1_000_000);
            log.debug("Synthetic data generated: {}", summary);
            return summary;
        } catch (SQLException e) {
            throw new IllegalStateException("synthetic data generation failed: " + e.getMessage(), e);
        }
    }

    /**
     * Generates the rows a run would write, into {@code sink}, without writing anything: for checking determinism.
     * IDs are numbered from one past the highest in use.
     */
    Generator dryRun(long seed, int practitioners, int institutions, int reports, LocalDate today, RowSink sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Baseline baseline = Baseline.read(c, today.minusDays(HISTORY_DAYS));
                Generator generator = new Generator(baseline, seed, practitioners, institutions, reports, today, json,
                        sink, baseline.practitionerIdBase, baseline.reportIdBase);
                generator.run();
                return generator;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("synthetic data dry run failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes {@code count} consecutive IDs from the table's identity sequence (the tables are locked, so nobody else
     * draws in between) and returns the first.
     */
    private static long reserve(Connection c, String table, int count) throws SQLException {
        long first = Math.max(Baseline.single(c, "select nextval(pg_get_serial_sequence('" + table + "', 'id'))"),
                Baseline.single(c, "select coalesce(max(id), 0) + 1 from " + table));
        if (count > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select setval(pg_get_serial_sequence('" + table + "', 'id'), ?)")) {
                ps.setLong(1, first + count - 1);
                ps.execute();
            }
        }
        return first;
    }

    private static void advanceCounters(Connection c, Map<String, Integer> counters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into report_number_counter (bureau_code, roc_year, kind, last_value) values (?, ?, ?, ?)
                on conflict (bureau_code, roc_year, kind)
                do update set last_value = greatest(report_number_counter.last_value, excluded.last_value)""")) {
            for (Map.Entry<String, Integer> e : counters.entrySet()) {
                String[] key = e.getKey().split("\\|");
                ps.setString(1, key[0]);
                ps.setInt(2, Integer.parseInt(key[1]));
                ps.setString(3, key[2]);
                ps.setInt(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
