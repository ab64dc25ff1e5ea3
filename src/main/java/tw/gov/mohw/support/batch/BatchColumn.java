package tw.gov.mohw.support.batch;

import java.util.Arrays;
import java.util.List;

/**
 * The columns of the batch filing template, in the order of the file. The Chinese header is what the clerk sees and
 * what an upload's first row must say: the header, not the position alone, is checked, so a file filled in against
 * an older or foreign layout is refused instead of being read into the wrong fields.
 */
enum BatchColumn {
    NATIONAL_ID("身分證統一編號"),
    SUPPORTED_INSTITUTION("支援機構代碼"),
    CATEGORY("支援類別"),
    DEPARTMENT("科別"),
    CONTENT("支援內容"),
    PERIOD_START("支援起日"),
    PERIOD_END("支援迄日"),
    WEEKLY("每週時段"),
    DATED("指定日期時段");

    private final String header;

    BatchColumn(String header) {
        this.header = header;
    }

    /** The header text in the template's first row. */
    String header() {
        return header;
    }

    /** Every header, in file order. */
    static List<String> headers() {
        return Arrays.stream(values()).map(BatchColumn::header).toList();
    }
}
