package tw.gov.mohw.support.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class BatchResultTest {

    @Test
    void echoesEveryRowWithItsOutcome() throws IOException {
        String csv = String.join(",", BatchColumn.headers()) + "\n" + String.join(",", BatchFileTest.ROW)
                + "\n\nB123456789,0101090517,,,=1+1,0660203\n";
        BatchFile.Sheet upload = BatchFile.read("x.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.rows()).extracting(BatchFile.Row::line).containsExactly(2, 4);

        byte[] result = BatchResult.result(upload,
                Map.of(4, new BatchResult.Outcome("失敗", "請選擇支援科別。", null)));

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(result))) {
            assertThat(workbook.getFirstSheet().getName()).isEqualTo("結果");
            List<Row> rows = workbook.getFirstSheet().read();
            List<String> header = new ArrayList<>(BatchColumn.headers());
            header.addAll(List.of("狀態", "訊息", "案號"));
            assertThat(texts(rows.get(0))).isEqualTo(header);
            List<String> first = new ArrayList<>(BatchFileTest.ROW);
            first.addAll(List.of("", "", ""));
            assertThat(texts(rows.get(1))).isEqualTo(first);
            assertThat(texts(rows.get(2))).containsExactly("B123456789", "0101090517", "", "", "=1+1", "0660203",
                    "", "", "", "失敗", "請選擇支援科別。", "");
            assertThat(rows).hasSize(3);
        }
        // Text, never a formula: the clerk's "=1+1" is not computed when the result is opened.
        assertThat(BatchTemplateTest.part(result, "xl/worksheets/sheet1.xml")).doesNotContain("<f>");
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < Math.max(row.getCellCount(), 12); c++) {
            out.add(row.getCellText(c));
        }
        return out;
    }
}
