package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** 列印: the PDFs' Chinese text, embedded font and QR code, and the public page the QR code opens. */
@IntegrationTest
class PrintoutsTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired SignIns signIns;
    @Autowired Environment environment;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String actor, String path) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://127.0.0.1:"
                + environment.getProperty("local.server.port") + path));
        if (actor != null) {
            b.header("Cookie", signIns.session(actor).cookies());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theApprovalNoticeReadsInChineseAndItsQrCodeOpensTheVerificationPage() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        String actor = "practitioner:" + person;
        var start = fixtures.today().plusDays(5);
        // 越區: the home county (臺北市) decides and is named on the paper; 新北市 is informed
        long id = api.post(actor, "/api/v1/submissions", Api.report(person, fixtures.institution("65000"),
                start.toString(), start.plusDays(90).toString(), "MONDAY", "09:00", "12:00"),
                Map.of("Idempotency-Key", "print-" + person)).body().get("id").asLong();
        var approved = api.post("reviewer:63000:printer", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE"));
        String approvalNumber = approved.text("/approvalNumber");
        String caseNumber = approved.text("/caseNumber");

        var pdf = get(actor, "/reports/" + id + "/print/approval.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        String url;
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("醫事人員支援報備核准通知", caseNumber, approvalNumber,
                    NationalId.parse(person).masked(), "星期一", "09:00–12:00", "臺北市政府衛生局");
            assertThat(text).doesNotContain(person);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isBetween(594f, 596f); // A4: 595 × 842 pt
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 72), "png",
                    dir.resolve("approval-notice.png").toFile());
            url = qr(doc, page);
        }
        assertThat(url).matches("http://.*/verify/[A-Za-z0-9_-]{22}");

        var open = get(null, url);
        assertThat(open.statusCode()).as("no sign-in needed").isEqualTo(200);
        String page = new String(open.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("有效：此核准仍在效期內", caseNumber, approvalNumber, NationalId.parse(person).masked(),
                        "臺北市政府衛生局")
                .doesNotContain(person).doesNotContain("測試人員");

        // cancelled later: the same paper now says so
        api.post(actor, "/api/v1/reports/" + id + "/cancel", Map.of("from", start.plusDays(30).toString(),
                "reason", "合約提前結束"));
        assertThat(new String(get(null, url).body(), java.nio.charset.StandardCharsets.UTF_8)).contains("已註銷");

        var application = get(actor, "/reports/" + id + "/print/application.pdf");
        try (PDDocument doc = Loader.loadPDF(application.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("醫事人員支援報備申請書", caseNumber,
                    "審核衛生局", "臺北市政府衛生局", "副知衛生局", "新北市政府衛生局");
        }
    }

    @Test
    void onlyThoseWhoMaySeeAReportPrintItAndUnknownTokensShowNothing() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(5);
        long draft = api.post("practitioner:" + person, "/api/v1/reports", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusDays(9).toString(), "MONDAY", "09:00",
                "10:00")).body().get("id").asLong();
        assertThat(get("practitioner:" + person, "/reports/" + draft + "/print/application.pdf").statusCode())
                .isEqualTo(409);
        String stranger = "practitioner:" + fixtures.practitioner(fixtures.institution("63000"));
        assertThat(get(stranger, "/reports/" + draft + "/print/application.pdf").statusCode()).isEqualTo(404);
        assertThat(get(null, "/verify/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        // a refusal on a page is a page, in Chinese, not JSON
        var missing = get(stranger, "/reports/" + draft);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("找不到此頁");
        assertThat(get(null, "/verify/..%2F..%2Fetc").statusCode()).isIn(400, 404);
    }

    /**
     * The QR code's text, as a phone camera reads it: PDFBox smooths the scaled-up image, so at one resolution the
     * module edges can fall badly (a ChecksumException seen once in a full run, at 200 dpi); a camera moves until it
     * reads, here the page is read at a few resolutions, and any one decoding is the code's text.
     */
    private static String qr(PDDocument doc, BufferedImage first) throws Exception {
        var hints = Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
        Exception last = null;
        for (int dpi : new int[] {0, 150, 300}) {
            BufferedImage image = dpi == 0 ? first : new PDFRenderer(doc).renderImageWithDPI(0, dpi);
            try {
                return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new BufferedImageLuminanceSource(image))), hints).getText();
            } catch (com.google.zxing.ReaderException e) {
                last = e;
            }
        }
        throw last;
    }
}
