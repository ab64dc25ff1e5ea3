package tw.gov.mohw.support.report;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.shared.Actor;

/**
 * Once, after V18: moves the reports filed under the old routing that are not yet decided to the bureau the
 * regulation names (the home county's), the supported county's bureau informed. V18 listed them in
 * {@code report_rerouting}; each move goes through the aggregate, so it is in the report's history and the audit
 * trail as a system action, and its case number stays. It runs in the background on every node after start-up: the
 * rows are claimed with {@code SKIP LOCKED}, so nodes share the work and none moves a report twice. A report
 * decided before its turn came (on a node still running the old version) is left where it is, and said so.
 */
@Component
class ReportRerouting implements ApplicationRunner {

    /** Who a move is recorded as: the system itself, not a person. */
    static final Actor SYSTEM = Actor.staff(Actor.Role.SYSTEM_ADMIN, "system-rerouting", null, null);

    private static final Logger log = LoggerFactory.getLogger(ReportRerouting.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final SupportReports reports;
    private final TransactionTemplate tx;

    ReportRerouting(JdbcClient jdbc, SupportReports reports, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.tx = tx;
    }

    /** How many moved, and how many had been decided before their turn. */
    record Outcome(int moved, int skipped) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!jdbc.sql("select exists (select 1 from report_rerouting where done_at is null)").query(Boolean.class)
                .single()) {
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                Outcome o = moveAll();
                log.info("Routing by regulation: {} reports moved to the home county's bureau, {} left where they"
                        + " were (decided meanwhile)", o.moved(), o.skipped());
            } catch (RuntimeException e) {
                log.error("Routing by regulation: stopped; the next start carries on", e);
            }
        }, "report-rerouting");
        worker.setDaemon(true);
        worker.start();
    }

    /** Moves every outstanding report, a batch per transaction. */
    Outcome moveAll() {
        int moved = 0;
        int skipped = 0;
        while (true) {
            Outcome batch = tx.execute(status -> {
                List<Object[]> rows = jdbc.sql("""
                        select report_id, from_bureau, to_bureau, informed_bureau from report_rerouting
                         where done_at is null order by report_id limit ? for update skip locked""")
                        .param(BATCH).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4)}).list();
                int m = 0;
                for (Object[] row : rows) {
                    boolean done = reports.reroute((Long) row[0], (String) row[1],
                            new Jurisdiction((String) row[2], (String) row[3]));
                    jdbc.sql("update report_rerouting set done_at = now(), outcome = ? where report_id = ?")
                            .params(done ? "MOVED" : "SKIPPED", row[0]).update();
                    m += done ? 1 : 0;
                }
                return new Outcome(m, rows.size() - m);
            });
            if (batch.moved() + batch.skipped() == 0) {
                return new Outcome(moved, skipped);
            }
            moved += batch.moved();
            skipped += batch.skipped();
        }
    }
}
