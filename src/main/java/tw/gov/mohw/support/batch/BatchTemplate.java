package tw.gov.mohw.support.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.DataValidationErrorStyle;
import org.dhatim.fastexcel.Range;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The batch filing template a clerk downloads: the sheet to fill in (read back by {@link BatchFile}), how to fill
 * each column, and the lists its drop-downs offer. The lists are the institution's current options, so the template
 * is generated per download rather than shipped as a file.
 */
final class BatchTemplate {

    static final String DATA_SHEET = "報備資料";
    static final String HELP_SHEET = "說明";
    static final String OPTIONS_SHEET = "選項";

    static final List<String> WEEKDAYS = List.of("週一", "週二", "週三", "週四", "週五", "週六", "週日");

    /** A choice in a drop-down: the code the system keeps and the text the clerk reads. */
    record Option(String code, String label) {
    }

    /** The last row (0-based) formatted and validated: the header plus as many rows as one file may hold. */
    private static final int LAST_ROW = BatchFile.MAX_ROWS;

    private static final double[] WIDTHS = {16, 14, 14, 18, 24, 11, 11, 36, 40};

    private BatchTemplate() {}

    static byte[] template(List<Option> categories, List<Option> departments, String exampleInstitution) {
        List<String> categoryLabels = categories.stream().map(Option::label).toList();
        List<String> departmentValues = departments.stream().map(BatchTemplate::department).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Input prompts by the validated range they belong to, added after writing (see withPrompts).
        Map<String, String[]> prompts = new LinkedHashMap<>();
        try {
            Workbook workbook = new Workbook(out, "support-report", "1.0");
            Worksheet data = workbook.newWorksheet(DATA_SHEET);
            Worksheet help = workbook.newWorksheet(HELP_SHEET);
            Worksheet options = workbook.newWorksheet(OPTIONS_SHEET);

            BatchColumn[] columns = BatchColumn.values();
            for (int c = 0; c < columns.length; c++) {
                data.value(0, c, columns[c].header());
                data.style(0, c).bold().fillColor("DDEBF7").set();
                data.width(c, WIDTHS[c]);
            }
            data.freezePane(0, 1);
            // Text format ("@") on every fillable cell: typed into a General cell, 0660203 loses its leading zero
            // and 1160105 becomes a number; as text they arrive exactly as typed.
            data.range(1, 0, LAST_ROW, columns.length - 1).style().format("@").set();

            Range categoryList = column(options, 0, "支援類別", categoryLabels);
            Range departmentList = column(options, 1, "科別", departmentValues);
            Range weekdayList = column(options, 2, "每週時段", WEEKDAYS);
            options.width(0, 16);
            options.width(1, 24);
            options.width(2, 12);

            if (categoryList != null) {
                Range target = data.range(1, BatchColumn.CATEGORY.ordinal(), LAST_ROW, BatchColumn.CATEGORY.ordinal());
                target.validateWithList(categoryList).allowBlank(true).errorStyle(DataValidationErrorStyle.STOP)
                        .showErrorMessage(true).errorTitle("支援類別").error("請從下拉清單選擇支援類別。");
                prompts.put(target.toString(), new String[] {"支援類別", "請從下拉清單選擇，如「"
                        + categoryLabels.get(0) + "」。"});
            }
            if (departmentList != null) {
                Range target = data.range(1, BatchColumn.DEPARTMENT.ordinal(), LAST_ROW,
                        BatchColumn.DEPARTMENT.ordinal());
                // A warning, not a stop: the code alone ("01") is accepted too and is not in the list, but anything
                // else typed here is most likely a mistake worth a second look.
                target.validateWithList(departmentList).allowBlank(true)
                        .errorStyle(DataValidationErrorStyle.WARNING).showErrorMessage(true).errorTitle("科別")
                        .error("不在下拉清單中。若填的是科別代碼（如 01），請按「是」。");
                prompts.put(target.toString(), new String[] {"科別", "請從下拉清單選擇，如「"
                        + departmentValues.get(0) + "」；也可只填科別代碼，如「" + departments.get(0).code() + "」。"});
            }
            Range weekly = data.range(1, BatchColumn.WEEKLY.ordinal(), LAST_ROW, BatchColumn.WEEKLY.ordinal());
            // Not strict: the list only starts the entry; the clerk goes on typing the times after the weekday.
            weekly.validateWithList(weekdayList).allowBlank(true).errorStyle(DataValidationErrorStyle.INFORMATION)
                    .showErrorMessage(false).errorTitle("每週時段").error("格式如：週二 13:30-17:30；週四 08:00-12:00");
            prompts.put(weekly.toString(), new String[] {"每週時段",
                "可先從清單選星期，再補上時間，如「週二 13:30-17:30；週四 08:00-12:00」。多個時段以「；」分隔；"
                        + "結束時間不晚於開始時間表示跨過午夜。"});

            help(help, categoryLabels, departmentValues, exampleInstitution);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withPrompts(out.toByteArray(), prompts);
    }

    /** 「01 家醫科」: the code first, as clerks know departments by it, and the name to be sure. */
    static String department(Option d) {
        return d.code() + " " + d.label();
    }

    /** A header and the values under it on the options sheet; the range of the values, or null when none. */
    private static Range column(Worksheet options, int c, String header, List<String> values) {
        options.value(0, c, header);
        options.style(0, c).bold().set();
        for (int r = 0; r < values.size(); r++) {
            options.value(r + 1, c, values.get(r));
        }
        return values.isEmpty() ? null : options.range(1, c, values.size(), c);
    }

    private static void help(Worksheet help, List<String> categories, List<String> departments, String institution) {
        String category = categories.isEmpty() ? "" : categories.get(0);
        String department = departments.isEmpty() ? "" : departments.get(0);
        String[][] rows = {
            {"欄位", "必填", "說明", "填寫方式與範例"},
            {BatchColumn.NATIONAL_ID.header(), "是", "被報備的醫事人員之身分證統一編號或居留證統一證號",
                "英文字母 1 碼加數字 9 碼，如 A123456789"},
            {BatchColumn.SUPPORTED_INSTITUTION.header(), "是", "前往支援的醫事機構代碼",
                "數字 10 碼，如 " + institution},
            {BatchColumn.CATEGORY.header(), "是", "支援的類別", "從下拉清單選擇，須與清單文字相同，如「" + category + "」"},
            {BatchColumn.DEPARTMENT.header(), "是", "支援的診療科別",
                "從下拉清單選擇，如「" + department + "」，或只填科別代碼"
                        + (department.isEmpty() ? "" : "「" + department.split(" ", 2)[0] + "」")},
            {BatchColumn.CONTENT.header(), "是", "支援的業務內容", "文字，如「門診」"},
            {BatchColumn.PERIOD_START.header(), "是", "支援期間的第一天",
                "民國年月日 7 碼，如 1160105，或 116/01/05；也可填西元 2027-01-05"},
            {BatchColumn.PERIOD_END.header(), "是", "支援期間的最後一天", "寫法同支援起日，如 1161231"},
            {BatchColumn.WEEKLY.header(), "與指定日期時段至少填一項", "每週固定支援的星期與時間",
                "「週二 13:30-17:30；週四 08:00-12:00」：星期（週一至週日）、空格、開始-結束時間（24 小時制）；"
                        + "多個時段以「；」或「;」分隔。結束時間不晚於開始時間表示跨過午夜，如「週五 22:00-08:00」"},
            {BatchColumn.DATED.header(), "與每週時段至少填一項", "特定日期支援的時間",
                "「1160105 08:00-12:00；1160112 13:30-17:30」：日期（寫法同支援起日）、空格、開始-結束時間；"
                        + "多個時段以「；」或「;」分隔"},
        };
        int r = 0;
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                help.value(r, c, row[c]);
                if (r == 0) {
                    help.style(r, c).bold().fillColor("DDEBF7").set();
                } else {
                    help.style(r, c).wrapText(true).set();
                }
            }
            r++;
        }
        r++;
        help.value(r, 0, "範例：一列完整的填寫範例（請在「" + DATA_SHEET + "」工作表填寫）");
        help.style(r, 0).bold().set();
        r++;
        List<String> example = example(category, department, institution);
        BatchColumn[] columns = BatchColumn.values();
        for (int c = 0; c < columns.length; c++) {
            help.value(r, c, columns[c].header());
            help.style(r, c).bold().set();
            help.value(r + 1, c, example.get(c));
            help.style(r + 1, c).format("@").set();
        }
        r += 3;
        help.value(r++, 0, "注意事項");
        help.style(r - 1, 0).bold().set();
        for (String note : List.of(
                "每個檔案最多 " + String.format("%,d", BatchFile.MAX_ROWS) + " 列資料、大小最多 " + BatchFile.MAX_MB
                        + " MB；超過請分成數個檔案上傳。",
                "可上傳 Excel 活頁簿（.xlsx），或 CSV 檔（UTF-8 或 Big5 編碼皆可）；舊版 .xls 請先另存為 .xlsx。",
                "只讀取第一個工作表「" + DATA_SHEET + "」。第 1 列為標題，請勿修改；資料從第 2 列開始，空白列會略過。",
                "儲存格中的公式只讀取其顯示的值，不會重新計算。",
                "同一個檔案再次上傳，不會重複報備。",
                "上傳後可下載結果檔：您的每一列資料之後列出處理狀態、訊息及案號。")) {
            help.value(r++, 0, note);
        }
        help.width(0, 16);
        help.width(1, 14);
        help.width(2, 30);
        help.width(3, 70);
        for (int c = 4; c < columns.length; c++) {
            help.width(c, WIDTHS[c]);
        }
    }

    /** One complete row as a clerk would fill it in. */
    static List<String> example(String category, String department, String institution) {
        List<String> row = new ArrayList<>();
        for (BatchColumn column : BatchColumn.values()) {
            row.add(switch (column) {
                case NATIONAL_ID -> "A123456789";
                case SUPPORTED_INSTITUTION -> institution;
                case CATEGORY -> category;
                case DEPARTMENT -> department;
                case CONTENT -> "門診";
                case PERIOD_START -> "1160105";
                case PERIOD_END -> "1161231";
                case WEEKLY -> "週二 13:30-17:30；週四 08:00-12:00";
                case DATED -> "1160105 08:00-12:00；1160112 13:30-17:30";
            });
        }
        return row;
    }

    /**
     * Adds an input prompt (the note Excel shows when a cell is selected) to each drop-down. fastexcel 0.20.2 writes
     * list validations but has no setting for prompts, so the first sheet's XML is amended after writing: the
     * attributes go into the {@code <dataValidation sqref="…">} elements fastexcel wrote, identified by their range.
     */
    private static byte[] withPrompts(byte[] xlsx, Map<String, String[]> prompts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xlsx.length + 1024);
        // Read with commons-compress: java.util.zip.ZipInputStream refuses the ZIP64 data descriptors opczip writes.
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get();
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
                byte[] content;
                try (InputStream part = in.getInputStream(entry)) {
                    content = part.readAllBytes();
                }
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    for (Map.Entry<String, String[]> p : prompts.entrySet()) {
                        String element = "<dataValidation sqref=\"" + p.getKey() + "\"";
                        if (!xml.contains(element)) {
                            // fastexcel changed how it writes validations: fail loudly here, not in Excel later.
                            throw new IllegalStateException("no data validation for " + p.getKey());
                        }
                        xml = xml.replace(element, "<dataValidation showInputMessage=\"1\" promptTitle=\""
                                + xmlAttribute(p.getValue()[0]) + "\" prompt=\"" + xmlAttribute(p.getValue()[1])
                                + "\" sqref=\"" + p.getKey() + "\"");
                    }
                    content = xml.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String xmlAttribute(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
