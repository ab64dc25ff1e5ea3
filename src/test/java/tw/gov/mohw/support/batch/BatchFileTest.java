package tw.gov.mohw.support.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.shared.DomainException;

class BatchFileTest {

    static final String HEADER_CSV = String.join(",", BatchColumn.headers());

    static final List<String> ROW = List.of("A123456789", "0101090517", "一般支援", "01 家醫科", "門診", "1160105",
            "1161231", "週二 13:30-17:30；週四 08:00-12:00", "1160105 08:00-12:00；1160112 13:30-17:30");

    // ---- xlsx ----

    @Test
    void readsBackTheTemplateHeaderAndRowsFilledInWithAnotherWriter() {
        // The template itself has no data rows (the example is on 說明): its header is accepted, the file is empty.
        byte[] template = BatchTemplateTest.template();
        assertKey(() -> BatchFile.read("t.xlsx", template), "batch.file.empty");

        byte[] filled = xlsx(sheet -> {
            for (int c = 0; c < ROW.size(); c++) {
                sheet.value(1, c, ROW.get(c));
            }
            sheet.value(2, 0, "\u3000B123456789 "); // full-width and ASCII spaces around
            sheet.value(2, 4, "  急診  ");
        });
        BatchFile.Sheet sheet = BatchFile.read("名稱不重要.csv", filled);
        assertThat(sheet.format()).isEqualTo(BatchFile.Format.XLSX);
        assertThat(sheet.rows()).extracting(BatchFile.Row::line).containsExactly(2, 3);
        assertThat(sheet.rows().get(0).cells()).isEqualTo(ROW);
        assertThat(sheet.rows().get(1).cells()).containsExactly("B123456789", "", "", "", "急診", "", "", "", "");
    }

    @Test
    void numbersComeOutAsTypedWithoutDecimalOrExponent() {
        byte[] file = xlsx(sheet -> {
            sheet.value(1, 0, "A123456789");
            sheet.value(1, 1, 101090517L);
            sheet.value(1, 5, 1160105);
            sheet.value(1, 6, 1.161231E6);
            sheet.value(1, 4, 0.5);
        });
        List<String> cells = BatchFile.read("x", file).rows().get(0).cells();
        assertThat(cells.get(1)).isEqualTo("101090517");
        assertThat(cells.get(5)).isEqualTo("1160105");
        assertThat(cells.get(6)).isEqualTo("1161231");
        assertThat(cells.get(4)).isEqualTo("0.5");
    }

    @Test
    void dateFormattedCellsComeOutAsIsoDates() {
        byte[] file = xlsx(sheet -> {
            sheet.value(1, 0, "A123456789");
            sheet.value(1, 5, LocalDate.of(2027, 1, 5));
            sheet.style(1, 5).format("yyyy/mm/dd").set();
            // A 民國 format as Excel in Taiwan writes it: era year "e", locale in brackets.
            sheet.value(1, 6, LocalDate.of(2027, 12, 31));
            sheet.style(1, 6).format("[$-404]e/m/d").set();
            // The same number without a date format stays a number.
            sheet.value(1, 7, 46392);
        });
        List<String> cells = BatchFile.read("x", file).rows().get(0).cells();
        assertThat(cells.get(5)).isEqualTo("2027-01-05");
        assertThat(cells.get(6)).isEqualTo("2027-12-31");
        assertThat(cells.get(7)).isEqualTo("46392");
    }

    @Test
    void formulasAreReadAsTheirCachedValuesNeverEvaluated() {
        byte[] file = patch(xlsx(sheet -> {
            sheet.value(1, 0, "A123456789");
            sheet.inlineString(1, 4, "E2");
            sheet.inlineString(1, 5, "F2");
            sheet.inlineString(1, 6, "G2");
        }), xml -> xml
                .replaceFirst("<c r=\"E2\"[^>]*>.*?</c>",
                        "<c r=\"E2\" t=\"str\"><f>CONCAT(\"門\",\"診\")</f><v>門診</v></c>")
                .replaceFirst("<c r=\"F2\"[^>]*>.*?</c>", "<c r=\"F2\"><f>1160000+105</f><v>1160105</v></c>")
                // no cached value: nothing, not the formula and not a computed 2
                .replaceFirst("<c r=\"G2\"[^>]*>.*?</c>", "<c r=\"G2\"><f>1+1</f></c>"));
        List<String> cells = BatchFile.read("x", file).rows().get(0).cells();
        assertThat(cells.get(4)).isEqualTo("門診");
        assertThat(cells.get(5)).isEqualTo("1160105");
        assertThat(cells.get(6)).isEmpty();
    }

    @Test
    void blankRowsAreSkippedButRowsKeepTheirNumbers() {
        byte[] file = xlsx(sheet -> {
            sheet.value(1, 0, "A123456789");
            sheet.value(2, 0, "\u3000 "); // looks blank, is blank
            sheet.value(4, 0, "B123456789");
        });
        assertThat(BatchFile.read("x", file).rows()).extracting(BatchFile.Row::line).containsExactly(2, 5);

        String csv = HEADER_CSV + "\r\nA123456789\r\n\r\n,,,\r\nB123456789\r\n";
        assertThat(BatchFile.read("x", csv.getBytes(StandardCharsets.UTF_8)).rows()).extracting(BatchFile.Row::line)
                .containsExactly(2, 5);
    }

    @Test
    void rowsStartingLikeTheExampleAreOrdinaryData() {
        String csv = HEADER_CSV + "\n範例,1\n例：,2\n";
        assertThat(BatchFile.read("x", csv.getBytes(StandardCharsets.UTF_8)).rows()).hasSize(2);
    }

    @Test
    void onlyTheFirstSheetIsRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, workbook -> {
            Worksheet first = workbook.newWorksheet("報備資料");
            header(first);
            first.value(1, 0, "A123456789");
            Worksheet second = workbook.newWorksheet("其他");
            second.value(0, 0, "不是標題");
            second.value(1, 0, "B123456789");
        });
        assertThat(BatchFile.read("x", out.toByteArray()).rows()).hasSize(1);
    }

    @Test
    void aMacroPartIsIgnored() {
        byte[] file = addEntry(xlsx(sheet -> sheet.value(1, 0, "A123456789")), "xl/vbaProject.bin", randomBytes(4096));
        assertThat(BatchFile.read("x.xlsm", file).rows()).hasSize(1);
    }

    // ---- CSV ----

    @Test
    void csvInUtf8WithBom() {
        byte[] body = (HEADER_CSV + "\r\n" + String.join(",", ROW) + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        BatchFile.Sheet sheet = BatchFile.read("x.csv", bytes);
        assertThat(sheet.format()).isEqualTo(BatchFile.Format.CSV_UTF8);
        assertThat(sheet.rows()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.cells()).isEqualTo(ROW);
        });
    }

    @Test
    void csvInUtf8WithoutBom() {
        byte[] bytes = (HEADER_CSV + "\n" + String.join(",", ROW)).getBytes(StandardCharsets.UTF_8);
        BatchFile.Sheet sheet = BatchFile.read("x.csv", bytes);
        assertThat(sheet.format()).isEqualTo(BatchFile.Format.CSV_UTF8);
        assertThat(sheet.rows().get(0).cells()).isEqualTo(ROW);
    }

    @Test
    void csvInBig5AsExcelOnTaiwaneseWindowsSavesIt() {
        Charset cp950 = Charset.forName("x-windows-950");
        // 碁 and 銹 are among the characters MS950 adds to plain Big5.
        List<String> row = new ArrayList<>(ROW);
        row.set(4, "門診（含碁銹）；夜診");
        byte[] bytes = (HEADER_CSV + "\r\n" + String.join(",", row) + "\r\n").getBytes(cp950);
        assertThat(new String(bytes, cp950)).contains("碁銹"); // the test data really is representable
        BatchFile.Sheet sheet = BatchFile.read("x.csv", bytes);
        assertThat(sheet.format()).isEqualTo(BatchFile.Format.CSV_BIG5);
        assertThat(sheet.rows().get(0).cells()).isEqualTo(row);
    }

    @Test
    void csvQuotedFieldsWithCommasQuotesAndLineBreaks() {
        String csv = HEADER_CSV + "\r\n"
                + "A123456789,\"0101090517\",\"一般,支援\",\"01 \"\"家醫\"\"科\",\"第一行\r\n第二行\",=1+1,+2,-3,@SUM(A1)\n"
                + "B123456789,,,,\"\"\n";
        BatchFile.Sheet sheet = BatchFile.read("x", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.rows()).extracting(BatchFile.Row::line).containsExactly(2, 3);
        assertThat(sheet.rows().get(0).cells()).containsExactly("A123456789", "0101090517", "一般,支援",
                "01 \"家醫\"科", "第一行\r\n第二行", "=1+1", "+2", "-3", "@SUM(A1)");
        assertThat(sheet.rows().get(1).cells()).containsExactly("B123456789", "", "", "", "", "", "", "", "");
    }

    @Test
    void csvQuoteNeverClosedIsRefusedWithItsRow() {
        String csv = HEADER_CSV + "\nA123456789\nB123456789,\"門診\n";
        assertThatThrownBy(() -> BatchFile.read("x", csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.violations().get(0).messageKey()).isEqualTo("batch.file.csv.quote");
                    assertThat(e.violations().get(0).args()).containsExactly(3);
                });
    }

    @Test
    void csvInAnotherEncodingIsRefused() {
        assertKey(() -> BatchFile.read("x", (HEADER_CSV + "\n1").getBytes(StandardCharsets.UTF_16LE)),
                "batch.file.type");
        byte[] utf16 = (HEADER_CSV + "\n1").getBytes(StandardCharsets.UTF_16); // with a BOM, as Excel writes it
        assertKey(() -> BatchFile.read("x", utf16), "batch.file.encoding");
        // Neither UTF-8 nor CP950: 0x80 0x80 is invalid in both.
        byte[] neither = (HEADER_CSV + "\nA\u0080").getBytes(StandardCharsets.ISO_8859_1);
        assertKey(() -> BatchFile.read("x", concat(neither, new byte[] {(byte) 0x80})), "batch.file.encoding");
    }

    // ---- header and limits ----

    @Test
    void aWrongHeaderNamesTheFirstColumnThatDiffers() {
        List<String> headers = new ArrayList<>(BatchColumn.headers());
        headers.set(2, "科別");
        headers.set(3, "支援類別");
        String csv = String.join(",", headers) + "\nA123456789\n";
        assertThatThrownBy(() -> BatchFile.read("x", csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.violations().get(0).messageKey()).isEqualTo("batch.file.header");
                    assertThat(e.violations().get(0).args()).containsExactly("支援類別");
                });
        // White space inside and around headers does not matter; empty columns after them neither.
        String spaced = " 身分證 統一編號 ," + String.join(",", BatchColumn.headers().subList(1, 9)) + ",\u3000,\n1\n";
        assertThat(BatchFile.read("x", spaced.getBytes(StandardCharsets.UTF_8)).rows()).hasSize(1);
        // Another filled-in column is not.
        String extra = HEADER_CSV + ",備註\n1\n";
        assertKey(() -> BatchFile.read("x", extra.getBytes(StandardCharsets.UTF_8)), "batch.file.header.extra");
        // The header must be the first row.
        byte[] late = xlsx2(sheet -> {
            List<String> h = BatchColumn.headers();
            for (int c = 0; c < h.size(); c++) {
                sheet.value(1, c, h.get(c));
            }
            sheet.value(2, 0, "A123456789");
        });
        assertKey(() -> BatchFile.read("x", late), "batch.file.header");
        assertKey(() -> BatchFile.read("x", ("\n" + HEADER_CSV + "\nA123456789\n").getBytes(StandardCharsets.UTF_8)),
                "batch.file.header");
    }

    @Test
    void atMostFiveThousandRows() {
        StringBuilder csv = new StringBuilder(HEADER_CSV).append('\n');
        for (int i = 0; i < BatchFile.MAX_ROWS; i++) {
            csv.append("A123456789,").append(i).append('\n');
        }
        assertThat(BatchFile.read("x", csv.toString().getBytes(StandardCharsets.UTF_8)).rows())
                .hasSize(BatchFile.MAX_ROWS);
        csv.append("A123456789,5001\n");
        assertThatThrownBy(() -> BatchFile.read("x", csv.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.violations().get(0).messageKey()).isEqualTo("batch.file.too.many.rows");
                    assertThat(e.violations().get(0).args()).containsExactly(5000);
                });
    }

    @Test
    void atMostFiveMegabytes() {
        byte[] bytes = new byte[BatchFile.MAX_BYTES + 1];
        Arrays.fill(bytes, (byte) ' ');
        assertThatThrownBy(() -> BatchFile.read("x", bytes)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.violations().get(0).messageKey()).isEqualTo("batch.file.too.large");
            assertThat(e.violations().get(0).args()).containsExactly(5);
        });
    }

    @Test
    void emptyFilesAndFilesWithoutDataRows() {
        assertKey(() -> BatchFile.read("x", new byte[0]), "batch.file.empty");
        assertKey(() -> BatchFile.read("x", (HEADER_CSV + "\r\n\r\n,,\r\n").getBytes(StandardCharsets.UTF_8)),
                "batch.file.empty");
        assertKey(() -> BatchFile.read("x", xlsx2(sheet -> sheet.value(0, 0, ""))), "batch.file.empty");
    }

    @Test
    void anOldXlsIsRefusedWithAdvice() {
        byte[] xls = new byte[2048];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1}, 0, xls, 0, 8);
        assertKey(() -> BatchFile.read("報備.xlsx", xls), "batch.file.xls");
    }

    @Test
    void binaryThatIsNotTextIsRefused() {
        assertKey(() -> BatchFile.read("x.csv", randomBytes(4096)), "batch.file.type");
        byte[] png = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, randomBytes(100));
        assertKey(() -> BatchFile.read("x.csv", png), "batch.file.type");
    }

    // ---- unsafe and broken archives ----

    @Test
    void aZipBombIsRefusedQuicklyWithoutInflatingIt() {
        byte[] bomb = zeros(200);
        assertThat(bomb.length).isLessThan(BatchFile.MAX_BYTES);
        long start = System.nanoTime();
        assertKey(() -> BatchFile.read("x.xlsx", bomb), "batch.file.unsafe");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2_000);
        // Under the 100 MB total, so only the ratio rule can refuse it.
        assertKey(() -> BatchFile.read("x.xlsx", zeros(50)), "batch.file.unsafe");
    }

    /** One sheet part of that many MB of zeros, streamed so the test never holds them. */
    private static byte[] zeros(int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void manyModeratelyInflatingEntriesAreRefusedByTheirTotal() throws IOException {
        // Sparse data compresses about 50:1, under the ratio rule; 30 entries of 4 MB exceed 100 MB together.
        byte[] sparse = new byte[4 * 1024 * 1024];
        Random random = new Random(1);
        for (int i = 0; i < sparse.length; i++) {
            if (random.nextInt(200) == 0) {
                sparse[i] = (byte) (1 + random.nextInt(255));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < 30; i++) {
                zip.putNextEntry(new ZipEntry("xl/media/part" + i + ".xml"));
                zip.write(sparse);
                zip.closeEntry();
                if (i == 19) {
                    // 80 MB so far: under every limit, so merely not a workbook — the total is what refuses 30.
                    byte[] partial = Arrays.copyOf(out.toByteArray(), out.size());
                    assertKey(() -> BatchFile.read("x.xlsx", partial), "batch.file.unreadable");
                }
            }
        }
        byte[] file = out.toByteArray();
        assertThat(file.length).isLessThan(BatchFile.MAX_BYTES);
        assertKey(() -> BatchFile.read("x.xlsx", file), "batch.file.unsafe");
    }

    @Test
    void tooManyEntriesAndEscapingNamesAreRefused() {
        assertKey(() -> BatchFile.read("x", addEntries(xlsx(sheet -> sheet.value(1, 0, "A")), 1001)),
                "batch.file.unsafe");
        byte[] file = xlsx(sheet -> sheet.value(1, 0, "A"));
        assertKey(() -> BatchFile.read("x", addEntry(file, "../../etc/x", new byte[1])), "batch.file.unsafe");
        assertKey(() -> BatchFile.read("x", addEntry(xlsx(sheet -> sheet.value(1, 0, "A")), "/abs.xml", new byte[1])),
                "batch.file.unsafe");
    }

    @Test
    void aDoctypeInAnyPartIsRefused() {
        byte[] template = BatchTemplateTest.template();
        String dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>";
        byte[] withDtd = patch(template, xml -> xml.replaceFirst("\\?>", "?>" + dtd));
        assertKey(() -> BatchFile.read("x.xlsx", withDtd), "batch.file.unsafe");
        // In lower case, in another part, with another extension, or in UTF-16: still found.
        byte[] lower = addEntry(template, "xl/worksheets/sheet9.bin",
                "<?xml?><!doctype x>".getBytes(StandardCharsets.UTF_8));
        assertKey(() -> BatchFile.read("x.xlsx", lower), "batch.file.unsafe");
        byte[] utf16 = addEntry(template, "xl/x.xml", "<!ENTITY x \"y\">".getBytes(StandardCharsets.UTF_16LE));
        assertKey(() -> BatchFile.read("x.xlsx", utf16), "batch.file.unsafe");
    }

    @Test
    void aTruncatedOrBrokenWorkbookIsUnreadable() {
        byte[] file = xlsx(sheet -> sheet.value(1, 0, "A123456789"));
        assertKey(() -> BatchFile.read("x.xlsx", Arrays.copyOf(file, file.length / 2)), "batch.file.unreadable");
        // A valid zip that is not a workbook.
        assertKey(() -> BatchFile.read("x.xlsx", zipOf("hello.txt", "hi".getBytes(StandardCharsets.UTF_8))),
                "batch.file.unreadable");
        // A workbook whose sheet is not XML.
        assertKey(() -> BatchFile.read("x.xlsx", patch(file, xml -> "<worksheet><sheetData><row r=\"1\"><c")),
                "batch.file.unreadable");
    }

    // ---- helpers ----

    static void assertKey(ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.violations().get(0).messageKey()).isEqualTo(key));
    }

    /** A workbook whose first sheet has the template's header and whatever {@code fill} adds. */
    static byte[] xlsx(Consumer<Worksheet> fill) {
        return xlsx2(sheet -> {
            header(sheet);
            fill.accept(sheet);
        });
    }

    /** A workbook whose first sheet has only what {@code fill} writes. */
    static byte[] xlsx2(Consumer<Worksheet> fill) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, workbook -> fill.accept(workbook.newWorksheet("報備資料")));
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Consumer<Workbook> content) {
        try {
            Workbook workbook = new Workbook(out, "test", "1.0");
            content.accept(workbook);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(Worksheet sheet) {
        List<String> headers = BatchColumn.headers();
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
        }
    }

    /** The workbook with its first sheet's XML rewritten. */
    static byte[] patch(byte[] xlsx, UnaryOperator<String> sheetXml) {
        return rezip(xlsx, (name, content) -> name.equals("xl/worksheets/sheet1.xml")
                ? sheetXml.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                : content, List.of());
    }

    static byte[] addEntry(byte[] xlsx, String name, byte[] content) {
        return rezip(xlsx, (n, c) -> c, List.<Object[]>of(new Object[] {name, content}));
    }

    static byte[] addEntries(byte[] xlsx, int count) {
        List<Object[]> extra = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            extra.add(new Object[] {"xl/extra/e" + i + ".xml", new byte[0]});
        }
        return rezip(xlsx, (n, c) -> c, extra);
    }

    interface Rewrite {
        byte[] apply(String name, byte[] content);
    }

    private static byte[] rezip(byte[] zip, Rewrite rewrite, List<Object[]> extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries(zip).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(rewrite.apply(e.getKey(), e.getValue()));
                z.closeEntry();
            }
            for (Object[] e : extra) {
                z.putNextEntry(new ZipEntry((String) e[0]));
                z.write((byte[]) e[1]);
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The parts of a zip by name, read through the central directory: java.util.zip.ZipInputStream refuses the
     * ZIP64 data descriptors that fastexcel's writer (opczip) produces.
     */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            for (ZipArchiveEntry e : Collections.list(file.getEntries())) {
                try (InputStream in = file.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static byte[] zipOf(String name, byte[] content) {
        return rezip(zipEmpty(), (n, c) -> c, List.<Object[]>of(new Object[] {name, content}));
    }

    private static byte[] zipEmpty() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("empty"));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0; // certainly not text
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
