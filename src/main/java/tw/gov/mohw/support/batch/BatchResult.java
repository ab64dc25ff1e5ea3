package tw.gov.mohw.support.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The result file of a batch upload: the clerk's rows exactly as they sent them (blank rows left out), each followed
 * by what became of it, so the refused rows can be found, fixed and sent again without retyping them.
 */
final class BatchResult {

    static final String SHEET = "結果";

    static final List<String> OUTCOME_HEADERS = List.of("狀態", "訊息", "案號");

    /** What became of one row: a status word, a message already in the clerk's language, the case number if any. */
    record Outcome(String status, String message, String caseNumber) {
    }

    private BatchResult() {}

    /** One row per uploaded row, in upload order; a row without an outcome gets empty outcome cells. */
    static byte[] result(BatchFile.Sheet upload, Map<Integer, Outcome> byLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "support-report", "1.0");
            Worksheet sheet = workbook.newWorksheet(SHEET);
            List<String> header = new ArrayList<>(BatchColumn.headers());
            header.addAll(OUTCOME_HEADERS);
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
                sheet.style(0, c).bold().set();
            }
            sheet.freezePane(0, 1);
            int r = 1;
            for (BatchFile.Row row : upload.rows()) {
                Outcome outcome = byLine.get(row.line());
                List<String> cells = new ArrayList<>(row.cells());
                cells.add(outcome == null ? "" : nz(outcome.status()));
                cells.add(outcome == null ? "" : nz(outcome.message()));
                cells.add(outcome == null ? "" : nz(outcome.caseNumber()));
                for (int c = 0; c < cells.size(); c++) {
                    // Written as strings and formatted as text, so IDs and ROC dates keep their leading zeros
                    // and a cell starting with "=" is shown, never computed, when the clerk opens the file.
                    sheet.value(r, c, cells.get(c));
                    sheet.style(r, c).format("@").set();
                }
                r++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
