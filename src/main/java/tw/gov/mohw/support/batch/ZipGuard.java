package tw.gov.mohw.support.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import tw.gov.mohw.support.shared.DomainException;

/**
 * Vets an uploaded .xlsx (a zip of XML parts) before fastexcel-reader is given it: a small upload must not be able
 * to make the server inflate gigabytes (zip bomb) or expand entities (billion laughs), whatever the reader does.
 *
 * <p>The archive is walked twice, every entry inflated and counted as it is read (declared sizes can lie, so they
 * are only used to refuse early, never to allow): once as a stream, following the local headers in file order, and
 * once through the central directory, which is how fastexcel-reader itself finds its parts. A crafted zip can show
 * the two walks different entries; checking both means the reader never opens a part that was not vetted.
 *
 * <p>Both walks use commons-compress (which fastexcel-reader brings). {@code java.util.zip.ZipInputStream} cannot
 * be used for the streaming walk: it refuses what fastexcel (via opczip) writes, our own template included —
 * ZIP64-sized data descriptors after local headers without a ZIP64 field ("invalid entry size"), which Excel and
 * commons-compress read without complaint.
 */
final class ZipGuard {

    /** The most all entries together may inflate to. A 5,000-row workbook is a few MB; this leaves ample room. */
    static final long MAX_INFLATED = 100L * 1024 * 1024;

    /** An entry may inflate to at most this many times its compressed size… */
    static final int MAX_RATIO = 100;

    /** …once it has inflated past this: small parts of repeated XML legitimately compress very well. */
    static final long RATIO_FROM = 1024 * 1024;

    /** An Excel workbook has a few dozen parts; thousands are only there to exhaust something. */
    static final int MAX_ENTRIES = 1_000;

    private static final int BUFFER = 64 * 1024;

    private ZipGuard() {}

    /**
     * Refuses with {@code batch.file.unsafe} what could harm the server, with {@code batch.file.unreadable} what is
     * not a zip at all.
     */
    static void check(byte[] bytes) {
        try {
            walkLocalHeaders(bytes);
            walkCentralDirectory(bytes);
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // A broken archive: say so in words the clerk can act on, never with the library's exception.
            throw DomainException.invalid("file", "batch.file.unreadable");
        }
    }

    private static void walkLocalHeaders(byte[] bytes) throws IOException {
        // Stored entries with a data descriptor are legal (and harmless here: they cannot inflate), so allowed.
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(bytes), "UTF-8", true,
                true)) {
            Budget budget = new Budget();
            for (ZipArchiveEntry entry; (entry = zip.getNextEntry()) != null;) {
                budget.entry(entry.getName(), entry.getSize());
                // The compressed bytes really consumed for this entry so far, counted by the stream itself.
                budget.read(entry.getName(), zip, zip::getCompressedCount);
            }
        }
    }

    private static void walkCentralDirectory(byte[] bytes) throws IOException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            Budget budget = new Budget();
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements();) {
                ZipArchiveEntry entry = entries.nextElement();
                budget.entry(entry.getName(), entry.getSize());
                try (InputStream in = zip.getInputStream(entry)) {
                    // commons-compress counts what it really consumed; the declared size (never more than the
                    // whole upload) is the fallback for streams that do not say.
                    long declared = Math.min(Math.max(entry.getCompressedSize(), 0), bytes.length);
                    LongSupplier compressed = in instanceof InputStreamStatistics s ? s::getCompressedCount
                            : () -> declared;
                    budget.read(entry.getName(), in, compressed);
                }
            }
        }
    }

    /** The limits of one walk: entries seen and bytes inflated so far. */
    private static final class Budget {

        private int entries;
        private long inflated;
        private final byte[] buffer = new byte[BUFFER];

        void entry(String name, long declaredSize) {
            if (++entries > MAX_ENTRIES || escapes(name) || declaredSize > MAX_INFLATED) {
                throw unsafe();
            }
        }

        void read(String name, InputStream in, LongSupplier compressed) throws IOException {
            DtdScanner scanner = new DtdScanner();
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                size += n;
                inflated += n;
                if (inflated > MAX_INFLATED
                        || size > RATIO_FROM && size > MAX_RATIO * Math.max(compressed.getAsLong(), 1)) {
                    throw unsafe();
                }
                // Every part, not only *.xml and *.rels: the reader follows relationship targets whatever their
                // extension, so a sheet could be hidden as "sheet1.bin". Office never writes a DTD anywhere.
                if (scanner.found(buffer, n)) {
                    throw unsafe();
                }
            }
        }
    }

    /** A name that would climb out of a directory if anything ever extracted it, which is never a workbook part. */
    static boolean escapes(String name) {
        if (name == null || name.startsWith("/") || name.startsWith("\\")) {
            return true;
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static DomainException unsafe() {
        return DomainException.invalid("file", "batch.file.unsafe");
    }

    /**
     * Finds {@code <!DOCTYPE} or {@code <!ENTITY} in any letter case across buffer boundaries. NUL bytes are
     * skipped, so the same markers written in UTF-16 or UTF-32 (which a parser would honour) are found too.
     */
    static final class DtdScanner {

        private static final long DOCTYPE_TAIL = pack("!doctype");
        private static final long ENTITY = pack("<!entity");

        /** The last eight non-NUL bytes, lower-cased, newest in the low byte; and the one before them. */
        private long last8;
        private int ninth;

        boolean found(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                int b = bytes[i] & 0xFF;
                if (b == 0) {
                    continue;
                }
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                ninth = (int) (last8 >>> 56) & 0xFF;
                last8 = last8 << 8 | b;
                if (last8 == ENTITY || last8 == DOCTYPE_TAIL && ninth == '<') {
                    return true;
                }
            }
            return false;
        }

        private static long pack(String ascii) {
            long v = 0;
            for (char c : ascii.toCharArray()) {
                v = v << 8 | c;
            }
            return v;
        }
    }
}
