package tw.gov.mohw.support.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import tw.gov.mohw.support.shared.DomainException;

/**
 * What an attachment is, from its bytes, read whole by a real parser under limits (OWASP ASVS 5.0 V5.2): a PDF with
 * PDFBox — not encrypted, no script, launch, form submission or embedded file anywhere in it, every compressed
 * stream inflating to a bounded size, nothing after its end; a PNG with every chunk's CRC right and nothing after
 * IEND; a JPEG or PNG of at most {@link #MAX_PIXELS} pixels, decoded by the JDK's ImageIO (subsampled, so memory stays
 * small). Anything else, or anything that also reads as a web page, is refused.
 */
final class AttachmentContent {

    /** About 40 megapixels: a phone's or a scanner's page, not a decompression bomb. */
    static final long MAX_PIXELS = 40_000_000L;
    private static final long MAX_INFLATED_STREAM = 32L * 1024 * 1024;
    private static final long MAX_INFLATED_TOTAL = 64L * 1024 * 1024;
    /** Filters PDFBox decodes in memory; image codecs (DCT, JPX, JBIG2, CCITT) are bounded by the image's size. */
    private static final Set<COSName> INFLATING = Set.of(COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION,
            COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION, COSName.RUN_LENGTH_DECODE,
            COSName.RUN_LENGTH_DECODE_ABBREVIATION, COSName.ASCII_HEX_DECODE, COSName.ASCII_HEX_DECODE_ABBREVIATION,
            COSName.ASCII85_DECODE, COSName.ASCII85_DECODE_ABBREVIATION);
    /** Keys and action types that make a PDF do something: scripts, launching, sending, importing, carrying files. */
    private static final Set<COSName> ACTIVE = Set.of(COSName.JS, COSName.JAVA_SCRIPT, COSName.getPDFName("Launch"),
            COSName.getPDFName("SubmitForm"), COSName.getPDFName("ImportData"), COSName.getPDFName("RichMedia"),
            COSName.EMBEDDED_FILES, COSName.EMBEDDED_FILE, COSName.getPDFName("XFA"), COSName.FILESPEC,
            COSName.getPDFName("FileAttachment"), COSName.getPDFName("GoToE"), COSName.getPDFName("GoToR"));
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final String[] MARKUP = {"<html", "<script", "<!doctype", "<body", "<svg", "<iframe"};

    private AttachmentContent() {}

    /** The media type, or refused with a message for the field {@code file}. */
    static String mediaTypeOf(byte[] b) {
        if (startsWith(b, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            requireNoMarkup(b);
            checkPdf(b);
            return "application/pdf";
        }
        boolean png = startsWith(b, PNG);
        boolean jpeg = startsWith(b, JPEG);
        if (!png && !jpeg) {
            throw DomainException.invalid("file", "attachment.type");
        }
        requireNoMarkup(b);
        if (png) {
            checkPngChunks(b);
        }
        checkImage(b);
        return png ? "image/png" : "image/jpeg";
    }

    private static void checkPdf(byte[] b) {
        // nothing after the last %%EOF but line ends: no second document (or page) riding on the first
        String tail = new String(b, Math.max(0, b.length - 1024), Math.min(1024, b.length), StandardCharsets.ISO_8859_1);
        int eof = tail.lastIndexOf("%%EOF");
        if (eof < 0 || !tail.substring(eof + 5).isBlank()) {
            throw unreadable();
        }
        try (PDDocument doc = Loader.loadPDF(b)) {
            if (doc.isEncrypted() || doc.getNumberOfPages() < 1) {
                throw unreadable();
            }
            long inflated = 0;
            for (COSObject object : doc.getDocument().getXrefTable().keySet().stream()
                    .map(key -> doc.getDocument().getObjectFromPool(key)).toList()) {
                COSBase base = object.getObject();
                if (base instanceof COSDictionary dictionary) {
                    requireInactive(dictionary);
                }
                if (base instanceof COSStream stream) {
                    inflated += inflatedSize(stream, MAX_INFLATED_TOTAL - inflated);
                }
            }
            requireInactive(doc.getDocumentCatalog().getCOSObject());
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException refused) {
                throw refused;
            }
            throw unreadable();
        }
    }

    /** Refuses a dictionary that names an action or a file: its own keys, its /S (action type) and /Type. */
    private static void requireInactive(COSDictionary d) {
        for (COSName key : d.keySet()) {
            if (ACTIVE.contains(key)) {
                throw active();
            }
        }
        for (COSName key : new COSName[] {COSName.S, COSName.TYPE, COSName.SUBTYPE}) {
            if (d.getDictionaryObject(key) instanceof COSName value && ACTIVE.contains(value)) {
                throw active();
            }
        }
        // an open action or additional actions that are not plain page jumps
        for (COSName key : new COSName[] {COSName.OPEN_ACTION, COSName.AA}) {
            if (d.getDictionaryObject(key) instanceof COSDictionary action) {
                requireInactive(action);
                for (COSName inner : action.keySet()) {
                    if (action.getDictionaryObject(inner) instanceof COSDictionary nested) {
                        requireInactive(nested);
                    }
                }
            }
        }
    }

    /** The stream's decoded size, read and counted (never held), refused past the limits. */
    private static long inflatedSize(COSStream stream, long left) throws IOException {
        COSBase filter = stream.getFilters();
        java.util.List<COSBase> filters = filter == null ? java.util.List.of()
                : filter instanceof org.apache.pdfbox.cos.COSArray array ? java.util.List.copyOf(array.toList())
                : java.util.List.of(filter);
        if (filters.isEmpty() || !INFLATING.containsAll(filters)) {
            if (stream.getDictionaryObject(COSName.WIDTH) instanceof org.apache.pdfbox.cos.COSNumber w
                    && stream.getDictionaryObject(COSName.HEIGHT) instanceof org.apache.pdfbox.cos.COSNumber h
                    && w.longValue() * h.longValue() > MAX_PIXELS) {
                throw unreadable();
            }
            return 0;
        }
        long limit = Math.min(MAX_INFLATED_STREAM, left);
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = stream.createInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                read += n;
                if (read > limit) {
                    throw unreadable();
                }
            }
        }
        return read;
    }

    /** Every PNG chunk's CRC, IHDR first, IEND last and nothing after it. */
    private static void checkPngChunks(byte[] b) {
        int at = PNG.length;
        boolean first = true;
        while (true) {
            if (at + 12 > b.length) {
                throw unreadable();
            }
            long length = ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                    | (b[at + 3] & 0xFF);
            if (length > b.length - at - 12L) {
                throw unreadable();
            }
            String type = new String(b, at + 4, 4, StandardCharsets.US_ASCII);
            if (first && !type.equals("IHDR")) {
                throw unreadable();
            }
            CRC32 crc = new CRC32();
            crc.update(b, at + 4, 4 + (int) length);
            int end = at + 8 + (int) length;
            long stored = ((b[end] & 0xFFL) << 24) | ((b[end + 1] & 0xFF) << 16) | ((b[end + 2] & 0xFF) << 8)
                    | (b[end + 3] & 0xFF);
            if (crc.getValue() != stored) {
                throw unreadable();
            }
            at = end + 4;
            first = false;
            if (type.equals("IEND")) {
                if (at != b.length) {
                    throw unreadable();
                }
                return;
            }
        }
    }

    /** The size from the header first (a huge claim is refused unread), then the whole picture decoded. */
    private static void checkImage(byte[] b) {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw DomainException.invalid("file", "attachment.too.many.pixels", MAX_PIXELS / 1_000_000);
                }
                // every byte decoded, one pixel in sixteen kept: broken data fails here, memory stays small
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(4, 4, 0, 0);
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException refused) {
                throw refused;
            }
            throw unreadable();
        }
    }

    /** A file that a browser could also take for a page (a polyglot) is refused whatever else it is. */
    private static void requireNoMarkup(byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String m : MARKUP) {
            if (text.contains(m)) {
                throw unreadable();
            }
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static DomainException unreadable() {
        return DomainException.invalid("file", "attachment.unreadable");
    }

    private static DomainException active() {
        return DomainException.invalid("file", "attachment.active");
    }
}
