package tw.gov.mohw.support.report.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.report.Printouts;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.PublicUrl;
import tw.gov.mohw.support.shared.Violation;

/**
 * 列印: the application and the approval notice as A4 PDFs in Traditional Chinese (Noto Sans TC embedded), with the
 * ID masked, the schedule as a table, case and approval numbers, and a QR code opening the public verification
 * page {@code /verify/{token}}.
 */
@Controller
class PrintPages {

    private static final String FONT = "/fonts/NotoSansTC_400Regular.ttf";

    private final SupportReports reports;
    private final Printouts printouts;
    private final Registry registry;
    private final TemplateEngine templates;
    private final PublicUrl publicUrl;
    private final byte[] font;

    PrintPages(SupportReports reports, Printouts printouts, Registry registry, TemplateEngine templates,
            PublicUrl publicUrl) {
        this.reports = reports;
        this.printouts = printouts;
        this.registry = registry;
        this.templates = templates;
        this.publicUrl = publicUrl;
        try (InputStream in = PrintPages.class.getResourceAsStream(FONT)) {
            this.font = in.readAllBytes(); // read once: 7 MB from the jar on every printout would be slow
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/reports/{id}/print/application.pdf")
    ResponseEntity<byte[]> application(@AuthenticationPrincipal Actor actor, @PathVariable long id, Locale locale) {
        ReportView report = reports.get(actor, id);
        if (report.status() == ReportStatus.DRAFT) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of(null, "print.draft"));
        }
        return pdf("print/application", report, printouts.token(id, null), "application-" + id, locale);
    }

    @GetMapping("/reports/{id}/print/approval.pdf")
    ResponseEntity<byte[]> approval(@AuthenticationPrincipal Actor actor, @PathVariable long id, Locale locale) {
        ReportView report = reports.get(actor, id);
        if (report.approvalNumber() == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of(null, "print.notApproved"));
        }
        return pdf("print/approval", report, printouts.token(id, report.approvalNumber()), "approval-" + id, locale);
    }

    /** The public page a printout's QR code opens: no sign-in, masked and minimal. */
    @GetMapping("/verify/{token}")
    String verify(@PathVariable String token, Model model) {
        var view = printouts.verify(token);
        if (view.isEmpty()) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, Violation.of(null, "verify.unknown"));
        }
        model.addAttribute("v", view.get());
        return "verify";
    }

    private ResponseEntity<byte[]> pdf(String template, ReportView report, String token, String name, Locale locale) {
        String url = org.springframework.web.util.UriComponentsBuilder.fromUri(publicUrl.orElse(
                () -> ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri()))
                .path("/verify/" + token).build().toUriString();
        Context context = new Context(locale, Map.of("report", report, "verifyUrl", url, "qr", qr(url),
                "roc", tw.gov.mohw.support.web.RocText.INSTANCE, "revision", report.inForce(),
                "department", registry.department(report.inForce().particulars().departmentCode())
                        .map(d -> d.nameZh()).orElse("")));
        String html = templates.process(template, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useFont(() -> new ByteArrayInputStream(font), "Noto Sans TC");
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".pdf\"")
                .body(out.toByteArray());
    }

    /** The QR code as a PNG data URI (quiet zone included, error correction M). */
    static String qr(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            int scale = 4;
            BufferedImage image = new BufferedImage(m.getWidth() * scale, m.getHeight() * scale,
                    BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, m.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
