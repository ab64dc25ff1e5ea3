package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.shared.DomainException;

/** The hostile files a security test found accepted: each refused now, and ordinary ones still taken. */
class AttachmentContentTest {

    static String refusal(byte[] b) {
        try {
            AttachmentContent.mediaTypeOf(b);
        } catch (DomainException e) {
            return e.violations().get(0).messageKey();
        }
        return "accepted";
    }

    static byte[] save(PDDocument doc) throws IOException {
        var out = new ByteArrayOutputStream();
        doc.save(out);
        doc.close();
        return out.toByteArray();
    }

    static byte[] plainPdf() throws IOException {
        PDDocument doc = new PDDocument();
        doc.addPage(new PDPage());
        return save(doc);
    }

    @Test
    void ordinaryPdfsAndPicturesAreTaken() throws IOException {
        assertThat(AttachmentContent.mediaTypeOf(plainPdf())).isEqualTo("application/pdf");
        var png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1200, 1600, BufferedImage.TYPE_INT_RGB), "png", png);
        assertThat(AttachmentContent.mediaTypeOf(png.toByteArray())).isEqualTo("image/png");
        var jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1200, 1600, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);
        assertThat(AttachmentContent.mediaTypeOf(jpeg.toByteArray())).isEqualTo("image/jpeg");
    }

    @Test
    void aPdfThatRunsScriptWhenOpenedIsRefused() throws IOException {
        PDDocument doc = new PDDocument();
        doc.addPage(new PDPage());
        doc.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('x')"));
        assertThat(refusal(save(doc))).isEqualTo("attachment.active");
    }

    @Test
    void aPdfCarryingAFileIsRefused() throws IOException {
        PDDocument doc = new PDDocument();
        doc.addPage(new PDPage());
        var files = new org.apache.pdfbox.pdmodel.PDDocumentNameDictionary(doc.getDocumentCatalog());
        var tree = new org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode();
        var spec = new org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification();
        spec.setFile("run.exe");
        spec.setEmbeddedFile(new org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile(doc,
                new java.io.ByteArrayInputStream("MZ".getBytes(StandardCharsets.US_ASCII))));
        tree.setNames(java.util.Map.of("run.exe", spec));
        files.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(files);
        assertThat(refusal(save(doc))).isEqualTo("attachment.active");
    }

    @Test
    void aPdfThatIsAlsoAWebPageIsRefused() throws IOException {
        byte[] polyglot = ("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
                + new String(plainPdf(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refusal(polyglot)).isEqualTo("attachment.unreadable");
        byte[] trailing = (new String(plainPdf(), StandardCharsets.ISO_8859_1) + "\nsomething after the end")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refusal(trailing)).isEqualTo("attachment.unreadable");
    }

    /** A small file whose Flate stream inflates to 200 MB is refused while being counted, never held. */
    @Test
    void aDecompressionBombIsRefused() throws IOException {
        PDDocument doc = new PDDocument();
        PDPage page = new PDPage();
        doc.addPage(page);
        var bomb = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(bomb, new Deflater(9))) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
        }
        COSStream stream = doc.getDocument().createCOSStream();
        try (OutputStream raw = stream.createRawOutputStream()) {
            raw.write(bomb.toByteArray());
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        page.getCOSObject().setItem(COSName.getPDFName("PieceInfo"), stream);
        byte[] file = save(doc);
        assertThat(file.length).isLessThan(ReportAttachments.MAX_BYTES);
        assertThat(refusal(file)).isEqualTo("attachment.unreadable");
    }

    static byte[] chunk(String type, byte[] data) {
        var out = new ByteArrayOutputStream();
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {(byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8),
                (byte) data.length});
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        return out.toByteArray();
    }

    static byte[] ihdr(int w, int h) {
        return new byte[] {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w, (byte) (h >>> 24),
                (byte) (h >>> 16), (byte) (h >>> 8), (byte) h, 8, 2, 0, 0, 0};
    }

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void aPngWithABrokenChecksumAndMarkupAfterItIsRefused() throws IOException {
        var png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] b = png.toByteArray();
        byte[] broken = b.clone();
        broken[8 + 8 + 5] ^= 1; // a bit of IHDR's data, its CRC left as it was
        assertThat(refusal(broken)).isEqualTo("attachment.unreadable");
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] trailing = java.util.Arrays.copyOf(b, b.length + html.length);
        System.arraycopy(html, 0, trailing, b.length, html.length);
        assertThat(refusal(trailing)).isEqualTo("attachment.unreadable");
    }

    @Test
    void aPngClaimingTwentyThousandSquaredIsRefusedUnread() throws IOException {
        var png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        png.writeBytes(chunk("IHDR", ihdr(20_000, 20_000)));
        var idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat)) {
            z.write(new byte[1000]);
        }
        png.writeBytes(chunk("IDAT", idat.toByteArray()));
        png.writeBytes(chunk("IEND", new byte[0]));
        assertThat(refusal(png.toByteArray())).isEqualTo("attachment.too.many.pixels");
    }
}
