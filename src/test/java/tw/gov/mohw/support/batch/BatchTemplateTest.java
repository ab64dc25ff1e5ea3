package tw.gov.mohw.support.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

class BatchTemplateTest {

    static final List<BatchTemplate.Option> CATEGORIES = List.of(new BatchTemplate.Option("REGULAR", "一般支援"),
            new BatchTemplate.Option("EMERGENCY", "急診支援"), new BatchTemplate.Option("OTHER", "其他"));

    static final List<BatchTemplate.Option> DEPARTMENTS = List.of(new BatchTemplate.Option("01", "家醫科"),
            new BatchTemplate.Option("02", "內科"), new BatchTemplate.Option("03", "外科"),
            new BatchTemplate.Option("AA", "R&D <測試> \"科\""));

    static final String INSTITUTION = "0101090517";

    static byte[] template() {
        return BatchTemplate.template(CATEGORIES, DEPARTMENTS, INSTITUTION);
    }

    @Test
    void hasTheThreeSheetsInOrder() throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(template()))) {
            assertThat(workbook.getSheets().map(Sheet::getName)).containsExactly("報備資料", "說明", "選項");
        }
    }

    @Test
    void theFirstRowIsTheHeaderAndTheTemplateReadsBackAsEmpty() throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(template()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(texts(rows.get(0))).isEqualTo(BatchColumn.headers());
        }
        BatchFileTest.assertKey(() -> BatchFile.read("template.xlsx", template()), "batch.file.empty");
    }

    @Test
    void dropDownsOnCategoryDepartmentAndWeeklyWithPrompts() throws IOException {
        String xml = part(template(), "xl/worksheets/sheet1.xml");
        assertThat(xml.split("<dataValidation ", -1)).hasSize(4);
        assertThat(validation(xml, "C2:C5001")).contains("type=\"list\"", "errorStyle=\"stop\"",
                "showErrorMessage=\"true\"", "<formula1>'選項'!$A$2:$A$4</formula1>", "showInputMessage=\"1\"",
                "promptTitle=\"支援類別\"");
        assertThat(validation(xml, "D2:D5001")).contains("type=\"list\"", "errorStyle=\"warning\"",
                "<formula1>'選項'!$B$2:$B$5</formula1>", "prompt=\"請從下拉清單選擇，如「01 家醫科」");
        assertThat(validation(xml, "H2:H5001")).contains("type=\"list\"", "showErrorMessage=\"false\"",
                "<formula1>'選項'!$C$2:$C$8</formula1>", "週二 13:30-17:30；週四 08:00-12:00");
        // Every fillable cell is text, so leading zeros survive typing.
        assertThat(xml).contains("r=\"A2\"", "r=\"I5001\"").doesNotContain("r=\"A5002\"");
        String styles = part(template(), "xl/styles.xml");
        assertThat(styles).contains("formatCode=\"@\"");
        assertThat(xml).contains("ySplit=\"1\"", "state=\"frozen\"", "<col min=\"1\" max=\"1\" width=\"16.0\"");
    }

    @Test
    void theOptionsSheetListsTheChoices() throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(template()))) {
            List<Row> rows = workbook.findSheet("選項").orElseThrow().read();
            assertThat(texts(rows.get(0))).containsExactly("支援類別", "科別", "每週時段");
            assertThat(rows.stream().skip(1).map(r -> r.getCellText(0)).filter(s -> !s.isEmpty()))
                    .containsExactly("一般支援", "急診支援", "其他");
            assertThat(rows.stream().skip(1).map(r -> r.getCellText(1)))
                    .containsExactly("01 家醫科", "02 內科", "03 外科", "AA R&D <測試> \"科\"", "", "", "");
            assertThat(rows.stream().skip(1).map(r -> r.getCellText(2))).isEqualTo(BatchTemplate.WEEKDAYS);
        }
    }

    @Test
    void theHelpSheetExplainsEveryColumnAndHasACompleteExampleRow() throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(template()))) {
            List<Row> rows = workbook.findSheet("說明").orElseThrow().read();
            List<String> firstColumn = rows.stream().map(r -> r.getCellText(0)).toList();
            assertThat(firstColumn).containsSubsequence(BatchColumn.headers());
            Row example = rows.stream().filter(r -> INSTITUTION.equals(r.getCellText(1))).findFirst().orElseThrow();
            assertThat(texts(example)).containsExactly("A123456789", INSTITUTION, "一般支援", "01 家醫科", "門診",
                    "1160105", "1161231", "週二 13:30-17:30；週四 08:00-12:00",
                    "1160105 08:00-12:00；1160112 13:30-17:30");
            // the example row sits under a copy of the header
            Row above = rows.stream().filter(r -> r.getRowNum() == example.getRowNum() - 1).findFirst().orElseThrow();
            assertThat(texts(above)).isEqualTo(BatchColumn.headers());
            String all = String.join("\n", rows.stream().flatMap(r -> r.stream()).map(c -> c == null ? ""
                    : c.getText()).toList());
            assertThat(all).contains("1160105", "116/01/05", "「；」", "跨過午夜", "5,000", "5 MB", "Big5", "公式",
                    "不會重複報備");
        }
    }

    @Test
    void emptyListsLeaveOutTheirDropDowns() throws IOException {
        String xml = part(BatchTemplate.template(List.of(), List.of(), INSTITUTION), "xl/worksheets/sheet1.xml");
        assertThat(xml.split("<dataValidation ", -1)).hasSize(2);
        assertThat(validation(xml, "H2:H5001")).contains("type=\"list\"");
    }

    private static List<String> texts(Row row) {
        return row.stream().map(c -> c == null ? "" : c.getText()).toList();
    }

    private static String validation(String xml, String sqref) {
        int at = xml.indexOf("sqref=\"" + sqref + "\"");
        assertThat(at).as("validation of " + sqref).isPositive();
        int start = xml.lastIndexOf("<dataValidation ", at);
        // fastexcel writes the sheet name in the formula as character references (&#x9078;&#x9805; for 選項)
        return java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(
                xml.substring(start, xml.indexOf("</dataValidation>", at)))
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
    }

    static String part(byte[] zip, String name) {
        byte[] content = BatchFileTest.entries(zip).get(name);
        assertThat(content).as(name).isNotNull();
        return new String(content, StandardCharsets.UTF_8);
    }

}
