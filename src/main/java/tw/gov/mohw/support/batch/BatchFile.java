package tw.gov.mohw.support.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import tw.gov.mohw.support.shared.DomainException;

/**
 * An uploaded batch file read as rows of text, one string per {@link BatchColumn}: nothing is interpreted here
 * (IDs, dates and slots are parsed later by the same rules as the filing pages), so the clerk's result file can
 * echo exactly what they sent.
 *
 * <p>The format is told by the bytes, never by the name: browsers and clerks rename files, and an .xlsm, an .xls
 * or a CSV saved as "報備.xlsx" must each get the right answer. Every refusal is a {@link DomainException} with a
 * message key under {@code batch.file.}; no library exception or stack trace reaches the clerk.
 */
final class BatchFile {

    /** The largest upload, in MB: a full 5,000-row file is well under 1 MB, so this only stops mistakes and abuse. */
    static final int MAX_MB = 5;

    static final int MAX_BYTES = MAX_MB * 1024 * 1024;

    /** The most data rows one file may hold; the clerk is told to split larger batches. */
    static final int MAX_ROWS = 5_000;

    /** What Excel writes for "CSV" on Taiwanese Windows: MS950, Microsoft's superset of Big5. */
    static final Charset CP950 = Charset.forName("x-windows-950");

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Excel counts days from 1899-12-30 (so that its fictitious 1900-02-29 is day 60)… */
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    /** …or, in workbooks from old Macs, from 1904-01-01. */
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);

    enum Format { XLSX, CSV_UTF8, CSV_BIG5 }

    /** One data row: its number as the spreadsheet shows it (the header is line 1), and one text per column. */
    record Row(int line, List<String> cells) {

        Row {
            cells = List.copyOf(cells);
        }
    }

    record Sheet(Format format, List<Row> rows) {

        Sheet {
            rows = List.copyOf(rows);
        }
    }

    private BatchFile() {}

    /**
     * Reads an upload. {@code filename} is deliberately not used to choose the format (see the class comment); it
     * is part of the signature so callers pass what they have and a later version may name it in messages.
     */
    static Sheet read(String filename, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw DomainException.invalid("file", "batch.file.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw DomainException.invalid("file", "batch.file.too.large", MAX_MB);
        }
        if (startsWith(bytes, ZIP)) {
            return xlsx(bytes);
        }
        if (startsWith(bytes, OLE2)) {
            // Excel 97–2003 .xls (or another OLE2 document): a binary format we do not read; saving as .xlsx helps.
            throw DomainException.invalid("file", "batch.file.xls");
        }
        return csv(bytes);
    }

    // ---- CSV ----

    private static Sheet csv(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            // Excel's "Unicode text" (UTF-16): text, but not in an encoding we take; the clerk can re-save it.
            throw DomainException.invalid("file", "batch.file.encoding");
        }
        if (!looksLikeText(bytes)) {
            throw DomainException.invalid("file", "batch.file.type");
        }
        Format format;
        String text;
        if (startsWith(bytes, UTF8_BOM)) {
            format = Format.CSV_UTF8;
            text = decode(bytes, UTF8_BOM.length, StandardCharsets.UTF_8);
        } else {
            // Strict UTF-8 first: Big5 text is practically never valid UTF-8 (its lead bytes A4–F9 are UTF-8
            // continuation bytes, and the header is Chinese), while UTF-8 is often not valid CP950.
            format = Format.CSV_UTF8;
            text = decode(bytes, 0, StandardCharsets.UTF_8);
            if (text == null) {
                format = Format.CSV_BIG5;
                text = decode(bytes, 0, CP950);
            }
        }
        if (text == null) {
            throw DomainException.invalid("file", "batch.file.encoding");
        }
        Collector rows = new Collector(format);
        Csv.parse(text, rows::add);
        return rows.sheet();
    }

    /**
     * Whether the bytes can be CSV text in any encoding we take: no control bytes other than tab, line breaks, form
     * feed and the Ctrl-Z some old tools append. Neither UTF-8 nor CP950 uses bytes below 0x20 inside a character,
     * so this holds before the encoding is known.
     */
    private static boolean looksLikeText(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                return false;
            }
        }
        return true;
    }

    /** The text, or null when the bytes are not valid in that encoding (never replaced with "?"). */
    private static String decode(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---- XLSX ----

    private static Sheet xlsx(byte[] bytes) {
        ZipGuard.check(bytes);
        // withCellFormat: the number format is needed to tell a date from a number.
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes),
                new ReadingOptions(true, false));
                Stream<org.dhatim.fastexcel.reader.Row> stream = workbook.getFirstSheet().openStream()) {
            boolean date1904 = workbook.isDate1904();
            Collector rows = new Collector(Format.XLSX);
            for (Iterator<org.dhatim.fastexcel.reader.Row> it = stream.iterator(); it.hasNext();) {
                org.dhatim.fastexcel.reader.Row row = it.next();
                List<String> cells = new ArrayList<>(row.getCellCount());
                for (int c = 0; c < row.getCellCount(); c++) {
                    cells.add(text(row.getCell(c), date1904));
                }
                rows.add(row.getRowNum(), cells);
            }
            return rows.sheet();
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Whatever the reader trips over (a part missing, malformed XML, a DTD it refuses), the clerk can
            // only re-save the file; its exception says nothing they could use.
            throw DomainException.invalid("file", "batch.file.unreadable");
        }
    }

    /**
     * The text a cell shows, as far as it matters here. A formula is never evaluated: its value cached in the file
     * (what Excel last displayed) is taken, or nothing.
     */
    static String text(Cell cell, boolean date1904) {
        if (cell == null) {
            return "";
        }
        Object value = cell.getValue();
        return switch (cell.getType()) {
            case EMPTY -> "";
            case ERROR -> nz(cell.getRawValue());
            default -> {
                if (value instanceof BigDecimal number) {
                    yield number(number, cell.getDataFormatId(), cell.getDataFormatString(), date1904);
                }
                if (value instanceof Boolean b) {
                    yield b ? "TRUE" : "FALSE";
                }
                yield value == null ? "" : value.toString();
            }
        };
    }

    /**
     * A number as the clerk meant it: a date-formatted serial as an ISO date; an integer without ".0" or an exponent
     * (1160105 typed into a General cell is an ROC date, not 1.160105E6).
     */
    static String number(BigDecimal number, Integer formatId, String format, boolean date1904) {
        if (isDateFormat(formatId, format) && number.signum() > 0) {
            long days = number.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            if (date1904) {
                return EPOCH_1904.plusDays(days).toString();
            }
            // Before 1900-03-01 Excel counts a 29 February that never was; such dates are not plausible here,
            // but they should still come out as the day Excel shows.
            return (days < 61 ? EPOCH_1900.plusDays(days + 1) : EPOCH_1900.plusDays(days)).toString();
        }
        BigDecimal plain = number.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
    }

    /**
     * Whether a number format shows a date. Built-in ids 14–22 and 45–47 are the international date and time
     * formats, 27–36 and 50–58 the East Asian ones (Excel in Taiwan uses them for 民國 dates); a custom format is a
     * date when it has y or d, or e/g (the era year and name of 民國 formats) outside quotes, escapes and brackets.
     */
    static boolean isDateFormat(Integer id, String format) {
        if (id != null && (id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47
                || id >= 50 && id <= 58)) {
            return true;
        }
        if (format == null) {
            return false;
        }
        StringBuilder bare = new StringBuilder();
        boolean quoted = false;
        int bracket = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '\\' || c == '_' || c == '*') {
                i++; // the next character is a literal or padding
            } else if (c == '[') {
                bracket++;
            } else if (c == ']') {
                bracket = Math.max(0, bracket - 1);
            } else if (bracket == 0) {
                bare.append(Character.toLowerCase(c));
            }
        }
        String f = bare.toString().replace("general", "");
        if (f.indexOf('y') >= 0 || f.indexOf('d') >= 0) {
            return true;
        }
        // e and g are also the exponent of 0.00E+00 and nothing else: tell them apart by the digit placeholders.
        return (f.indexOf('e') >= 0 || f.indexOf('g') >= 0) && f.indexOf('0') < 0 && f.indexOf('#') < 0;
    }

    // ---- shared ----

    /**
     * Turns the records of either format into rows: checks the header, skips blank rows (keeping the numbers), pads
     * or cuts to the columns and stops at the row limit.
     */
    private static final class Collector {

        private static final int COLUMNS = BatchColumn.values().length;

        private final Format format;
        private final List<Row> rows = new ArrayList<>();
        private boolean headerSeen;
        /** A blank first row: wrong only if data follows, otherwise the file is simply empty. */
        private boolean headerBlank;

        Collector(Format format) {
            this.format = format;
        }

        void add(int line, List<String> raw) {
            if (!headerSeen) {
                headerSeen = true;
                headerBlank = line == 1 && raw.stream().allMatch(v -> strip(v).isEmpty());
                if (!headerBlank) {
                    header(line, raw);
                }
                return;
            }
            List<String> cells = new ArrayList<>(COLUMNS);
            boolean blank = true;
            for (int c = 0; c < raw.size(); c++) {
                String v = strip(raw.get(c));
                blank &= v.isEmpty();
                if (c < COLUMNS) {
                    cells.add(v);
                }
            }
            if (blank) {
                return;
            }
            if (headerBlank) {
                throw DomainException.invalid("file", "batch.file.header", BatchColumn.values()[0].header());
            }
            while (cells.size() < COLUMNS) {
                cells.add("");
            }
            if (rows.size() == MAX_ROWS) {
                throw DomainException.invalid("file", "batch.file.too.many.rows", MAX_ROWS);
            }
            rows.add(new Row(line, cells));
        }

        /** The first row must be line 1 and name the template's columns in order; empty columns may follow. */
        private static void header(int line, List<String> raw) {
            BatchColumn[] columns = BatchColumn.values();
            for (int c = 0; c < columns.length; c++) {
                String found = line == 1 && c < raw.size() ? raw.get(c) : "";
                if (!squeeze(found).equals(squeeze(columns[c].header()))) {
                    throw DomainException.invalid("file", "batch.file.header", columns[c].header());
                }
            }
            for (int c = columns.length; c < raw.size(); c++) {
                String extra = strip(raw.get(c));
                if (!extra.isEmpty()) {
                    throw DomainException.invalid("file", "batch.file.header.extra", extra);
                }
            }
        }

        Sheet sheet() {
            if (rows.isEmpty()) {
                // Also when the header is missing altogether: an empty sheet has nothing to check it against.
                throw DomainException.invalid("file", "batch.file.empty");
            }
            return new Sheet(format, rows);
        }
    }

    /**
     * Without surrounding white space of any kind: full-width spaces (U+3000) from Chinese input methods,
     * no-break spaces from the web, and stray byte-order marks all look blank to the clerk.
     */
    static String strip(String s) {
        if (s == null) {
            return "";
        }
        int start = 0;
        int end = s.length();
        while (start < end && blank(s.charAt(start))) {
            start++;
        }
        while (end > start && blank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** A header compared without any white space, so 「支援 起日」 or a wrapped header still matches. */
    private static String squeeze(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (!blank(s.charAt(i))) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
