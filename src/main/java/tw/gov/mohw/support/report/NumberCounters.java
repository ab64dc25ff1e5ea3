package tw.gov.mohw.support.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Draws case numbers (案號) and approval numbers (核准文號), one series per bureau, ROC year and kind. The upsert
 * locks the counter row until the transaction ends, so no two transactions ever draw the same number; callers draw
 * as late as possible to keep that lock short.
 */
@Component
public class NumberCounters {

    /** The two series: 案號 and 核准文號. */
    public enum Kind { CASE, APPROVAL }

    private final JdbcClient jdbc;

    NumberCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int next(String bureauCode, int rocYear, Kind kind) {
        return jdbc.sql("""
                insert into report_number_counter (bureau_code, roc_year, kind, last_value) values (?, ?, ?, 1)
                on conflict (bureau_code, roc_year, kind) do update set last_value = report_number_counter.last_value + 1
                returning last_value""")
                .params(bureauCode, rocYear, kind.name()).query(Integer.class).single();
    }

    /** 北市115-000123: the bureau's short name, the ROC year, and the running number. */
    public static String caseNumber(String bureauShortName, int rocYear, int value) {
        return "%s%d-%06d".formatted(bureauShortName, rocYear, value);
    }

    /** 北市衛醫字第1150000123號: the form of an official document number. */
    public static String approvalNumber(String bureauShortName, int rocYear, int value) {
        return "%s衛醫字第%d%07d號".formatted(bureauShortName, rocYear, value);
    }
}
