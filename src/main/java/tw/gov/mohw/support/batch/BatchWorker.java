package tw.gov.mohw.support.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.report.NewReport;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Works batches in the background, on every node: claims one whose job is due (checking or filing) with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, and works it row by row in line order, writing each row's outcome and
 * the progress as it goes and renewing the lease. A node that dies leaves its batch to any node once the lease runs
 * out, which goes on from the first row without an outcome. Filing a row that a dead node had filed but not yet
 * marked files nothing twice: the row's idempotency key brings the first report back.
 */
@Component
class BatchWorker {

    private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Progress is written every this many rows (each row's outcome is written at once)… */
    private static final int STEP = 20;
    /** …and the lease renewed at least this often, however slowly rows go. */
    private static final Duration RENEW = Duration.ofSeconds(15);
    /** A job that failed for a reason not of its rows is tried again this many times, after a pause, then FAILED. */
    static final int TRIES = 3;

    private final String node = UUID.randomUUID().toString();
    private final JdbcClient jdbc;
    private final Batches batches;
    private final BatchReading reading;
    private final SupportReports reports;
    private final Clock clock;

    BatchWorker(JdbcClient jdbc, Batches batches, BatchReading reading, SupportReports reports, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.reading = reading;
        this.reports = reports;
        this.clock = clock;
    }

    private record Job(long id, Batches.State state, String institution) {
    }

    @Scheduled(fixedDelayString = "${support.batches.poll:PT1S}", initialDelayString = "PT2S")
    void workDue() {
        for (int i = 0; i < 10 && workOne(); i++) {
            // another batch may be waiting
        }
    }

    /** Claims one due batch and works it to the end of its current job; false when none was due. */
    boolean workOne() {
        Instant now = clock.instant();
        List<Job> claimed = jdbc.sql("""
                update batch set lease_owner = ?, lease_until = ?
                 where id = (select id from batch where state in ('CHECKING', 'FILING')
                               and (lease_until is null or lease_until < ?)
                             order by id limit 1 for update skip locked)
                returning id, state, institution_code""")
                .params(node, Batches.utc(now.plus(LEASE)), Batches.utc(now))
                .query((rs, n) -> new Job(rs.getLong(1), Batches.State.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
        if (claimed.isEmpty()) {
            return false;
        }
        Job job = claimed.get(0);
        renewed = now;
        try {
            if (job.state() == Batches.State.CHECKING) {
                check(job);
            } else {
                file(job);
            }
        } catch (LostLease lost) {
            log.info("Batch {}: lease lost to another node", job.id());
        } catch (RuntimeException e) {
            // Not a row's problem (those are outcomes): the database away, the node stopping. Another try after a
            // pause, on any node, goes on from the first row without an outcome; after TRIES the clerk is told.
            log.error("Batch {} failed", job.id(), e);
            Instant failedAt = clock.instant();
            jdbc.sql("""
                    update batch set failures = failures + 1, lease_owner = null, lease_until = ?, updated_at = ?,
                        state = case when failures + 1 >= ? then 'FAILED' else state end
                     where id = ? and lease_owner = ?""")
                    .params(Batches.utc(failedAt.plus(Duration.ofSeconds(30))), Batches.utc(failedAt), TRIES, job.id(),
                            node)
                    .update();
        }
        return true;
    }

    /**
     * Checks each row not yet checked with the single form's rules, the rows already found ready counting as filed
     * (so two rows of one file cannot book the same hours); a row filed before under its key is told so.
     */
    private void check(Job job) {
        Actor clerk = Actor.institution(job.institution());
        BatchRows rows = reading.rows();
        Map<Integer, NewReport> ready = new LinkedHashMap<>();
        int done = 0;
        for (Batches.Row row : all(job.id())) {
            if (row.state() == Batches.RowState.READY) {
                ready.put(row.line(), rows.read(row.cells()));
            }
            if (row.state() != Batches.RowState.PENDING) {
                done++;
                continue;
            }
            // The row's key: its content's hash, or — when the report that key filed no longer stands (withdrawn,
            // rejected, cancelled) — the next generation of it, so the same row can be filed anew.
            String base = BatchRows.idempotencyKey(row.cells());
            String key = null;
            Optional<SupportReports.Filed> before = Optional.empty();
            for (int generation = 0; generation < 100 && key == null && before.isEmpty(); generation++) {
                String candidate = generation == 0 ? base : base + "#" + generation;
                var found = reports.filedWith(clerk, candidate);
                if (found.isEmpty()) {
                    key = candidate;
                } else if (found.get().live()) {
                    before = found;
                }
            }
            if (before.isPresent() || key == null) {
                outcome(job, row.line(), Batches.RowState.FILED_BEFORE, List.of(), before.map(f -> f.id())
                        .orElse(null), before.map(f -> f.caseNumber()).orElse(null));
            } else {
                useKey(job, row.line(), key);
                List<Violation> problems;
                NewReport report = null;
                try {
                    report = rows.read(row.cells());
                    problems = reports.check(clerk, report, ready);
                } catch (DomainException unreadable) {
                    problems = unreadable.violations();
                }
                if (problems.isEmpty()) {
                    ready.put(row.line(), report);
                }
                outcome(job, row.line(), problems.isEmpty() ? Batches.RowState.READY : Batches.RowState.INVALID,
                        problems, null, null);
            }
            renewIfDue(job, "rows_checked", ++done);
        }
        progress(job, "rows_checked", done);
        finish(job, Batches.State.CHECKED);
    }

    /** Files each ready row as an ordinary submitted report: routing, notifications and audit as for the form. */
    private void file(Job job) {
        Actor clerk = Actor.institution(job.institution());
        BatchRows rows = reading.rows();
        int filed = jdbc.sql("select count(*) from batch_row where batch_id = ? and state = 'FILED'")
                .param(job.id()).query(Integer.class).single();
        Map<Integer, String> keys = keys(job.id());
        for (Batches.Row row : all(job.id())) {
            if (row.state() != Batches.RowState.READY) {
                continue;
            }
            try {
                var created = reports.file(clerk, rows.read(row.cells()), keys.get(row.line()));
                outcome(job, row.line(), Batches.RowState.FILED, List.of(), created.report().id(),
                        created.report().caseNumber());
                filed++;
            } catch (DomainException refused) {
                // something changed since the check (another filing for the person, the registry, the rules)
                outcome(job, row.line(), Batches.RowState.REFUSED, refused.violations(), null, null);
            }
            renewIfDue(job, "rows_filed", filed);
        }
        progress(job, "rows_filed", filed);
        finish(job, Batches.State.DONE);
    }

    /** The key each row was checked under (and is filed with). */
    private Map<Integer, String> keys(long id) {
        Map<Integer, String> keys = new java.util.HashMap<>();
        jdbc.sql("select line, idempotency_key from batch_row where batch_id = ?").param(id)
                .query((rs, n) -> keys.put(rs.getInt(1), rs.getString(2))).list();
        return keys;
    }

    private void useKey(Job job, int line, String key) {
        jdbc.sql("update batch_row set idempotency_key = ? where batch_id = ? and line = ?")
                .params(key, job.id(), line).update();
    }

    private List<Batches.Row> all(long id) {
        return jdbc.sql("""
                select line, cells, state, problems, report_id, case_number from batch_row
                 where batch_id = ? order by line""").param(id)
                .query((rs, n) -> batches.row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getString(6)))
                .list();
    }

    /** A row's outcome, written only while this node holds the batch: a node that lost it has the last word never. */
    private void outcome(Job job, int line, Batches.RowState state, List<Violation> problems, Long reportId,
            String caseNumber) {
        int written = jdbc.sql("""
                update batch_row set state = ?, problems = cast(? as jsonb), report_id = ?, case_number = ?
                 where batch_id = ? and line = ?
                   and exists (select 1 from batch b where b.id = ? and b.lease_owner = ?)""")
                .params(state.name(), problems.isEmpty() ? null : batches.json(problems), reportId, caseNumber,
                        job.id(), line, job.id(), node)
                .update();
        if (written == 0) {
            throw new LostLease();
        }
    }

    private Instant renewed = Instant.EPOCH;

    /** Progress every {@link #STEP} rows, and the lease renewed at least every {@link #RENEW}. */
    private void renewIfDue(Job job, String column, int count) {
        if (count % STEP == 0 || renewed.plus(RENEW).isBefore(clock.instant())) {
            progress(job, column, count);
        }
    }

    /** Writes the progress and renews the lease, while this node still holds it. */
    private void progress(Job job, String column, int count) {
        Instant now = clock.instant();
        int held = jdbc.sql("update batch set " + column + " = ?, lease_until = ?, updated_at = ? "
                + "where id = ? and lease_owner = ?")
                .params(count, Batches.utc(now.plus(LEASE)), Batches.utc(now), job.id(), node).update();
        if (held == 0) {
            throw new LostLease();
        }
        renewed = now;
    }

    private void finish(Job job, Batches.State state) {
        jdbc.sql("update batch set state = ?, lease_owner = null, lease_until = null, updated_at = ? "
                + "where id = ? and lease_owner = ?").params(state.name(), Batches.utc(clock.instant()), job.id(),
                        node).update();
    }

    /** Old uploads go: they hold national IDs, and what they filed are reports of their own. */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT3M")
    void forgetOld() {
        jdbc.sql("delete from batch where created_at < ? and state not in ('CHECKING', 'FILING')")
                .param(Batches.utc(clock.instant().minus(Batches.KEPT))).update();
    }

    private static final class LostLease extends RuntimeException {
        LostLease() {
            super(null, null, false, false);
        }
    }
}
