package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Attachments: accepted only as what their content is and readable; read by all who may read the report, changed
 * only by its applicant side and only while the report can change; every change audited.
 */
@IntegrationTest
class ReportAttachmentsTest {

    @Autowired ReportAttachments attachments;
    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    long id;
    Actor person;
    String reviewer = "reviewer:65000:att";

    static byte[] pdf() throws IOException {
        try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] png() throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    static DomainException.Kind kind(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e.kind();
        }
        throw new AssertionError("not refused");
    }

    static String code(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e.violations().get(0).messageKey();
        }
        throw new AssertionError("not refused");
    }

    @BeforeEach
    void file() {
        String home = fixtures.institution("65000");
        String nationalId = fixtures.practitioner(home);
        person = Actor.practitioner(nationalId);
        var start = fixtures.today().plusDays(12);
        id = api.post("practitioner:" + nationalId, "/api/v1/submissions", Api.report(nationalId,
                fixtures.institution("65000"), start.toString(), start.plusMonths(1).toString(), "TUESDAY", "09:00",
                "10:00"), Map.of("Idempotency-Key", "att-" + nationalId)).body().get("id").asLong();
    }

    @Test
    void pdfAndPngAreKeptByteForByteAndAudited() throws IOException {
        byte[] pdf = pdf();
        var added = attachments.add(person, id, "C:\\Users\\王\\支援同意書.pdf", pdf);
        assertThat(added.fileName()).isEqualTo("支援同意書.pdf");
        assertThat(added.mediaType()).isEqualTo("application/pdf");
        var image = attachments.add(person, id, "../../etc/passwd.png", png());
        assertThat(image.fileName()).isEqualTo("passwd.png");
        assertThat(image.mediaType()).isEqualTo("image/png");

        Actor deciding = Actor.staff(Actor.Role.REVIEWER, "att", "65000", null);
        assertThat(attachments.list(deciding, id)).extracting(ReportAttachments.Attachment::fileName)
                .containsExactly("支援同意書.pdf", "passwd.png");
        assertThat(attachments.content(deciding, id, added.id()).bytes()).isEqualTo(pdf);

        // under review, what the reviewer may have seen stays; once returned, the applicant may remove it
        assertThat(code(() -> attachments.remove(person, id, image.id()))).isEqualTo("attachment.keep");
        api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "RETURN", "reason", "補件"));
        attachments.remove(person, id, image.id());
        assertThat(attachments.list(person, id)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from audit_entry where subject = ? "
                + "and action like 'report.attachment.%'").param("report:" + id).query(Long.class).single() == 3);
        assertThat(jdbc.sql("select details from audit_entry where subject = ? and action = 'report.attachment.added' "
                + "order by id limit 1").param("report:" + id).query(String.class).single()).contains("sha256=" + added.sha256());
    }

    @Test
    void whatIsNotAReadablePdfJpegOrPngIsRefused() throws IOException {
        assertThat(code(() -> attachments.add(person, id, "x.pdf", "MZ this is an exe".getBytes()))).isEqualTo("attachment.type");
        assertThat(code(() -> attachments.add(person, id, "x.pdf", "%PDF-1.7 but nothing else".getBytes())))
                .isEqualTo("attachment.unreadable");
        byte[] brokenPng = Arrays.copyOf(png(), 20);
        assertThat(code(() -> attachments.add(person, id, "x.png", brokenPng))).isEqualTo("attachment.unreadable");
        assertThat(code(() -> attachments.add(person, id, "x.pdf", new byte[0]))).isEqualTo("attachment.empty");
        byte[] encrypted;
        try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.protect(new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner", "user",
                    new org.apache.pdfbox.pdmodel.encryption.AccessPermission()));
            doc.save(out);
            encrypted = out.toByteArray();
        }
        assertThat(code(() -> attachments.add(person, id, "locked.pdf", encrypted))).isEqualTo("attachment.unreadable");
        byte[] big = Arrays.copyOf(pdf(), ReportAttachments.MAX_BYTES + 1);
        assertThat(code(() -> attachments.add(person, id, "x.pdf", big))).isEqualTo("attachment.too.large");
        byte[] ok = png();
        for (int i = 0; i < ReportAttachments.MAX_PER_REPORT; i++) {
            attachments.add(person, id, "p" + i + ".png", ok);
        }
        assertThat(code(() -> attachments.add(person, id, "one-more.png", ok))).isEqualTo("attachment.too.many");
        assertThat(attachments.list(person, id)).hasSize(ReportAttachments.MAX_PER_REPORT);
    }

    @Test
    void aNameSaysWhatTheFileIs() throws IOException {
        assertThat(attachments.add(person, id, "page.html", pdf()).fileName()).isEqualTo("page.html.pdf");
        assertThat(attachments.add(person, id, "invoice\u202Efdp.exe", pdf()).fileName()).isEqualTo("invoicefdp.exe.pdf");
        assertThat(attachments.add(person, id, "scan.PNG", png()).fileName()).isEqualTo("scan.PNG");
        assertThat(attachments.add(person, id, ".png", png()).fileName()).isEqualTo("附件.png");
        assertThat(attachments.add(person, id, "x".repeat(300) + ".pdf", pdf()).fileName())
                .hasSize(100).endsWith("x.pdf");
    }

    @Test
    void othersNeitherSeeNorChangeThemAndADecidedReportKeepsItsOwn() throws IOException {
        var added = attachments.add(person, id, "consent.pdf", pdf());
        Actor stranger = Actor.practitioner(fixtures.practitioner(fixtures.institution("65000")));
        Actor otherBureau = Actor.staff(Actor.Role.REVIEWER, "att-other", "63000", null);
        for (Actor a : new Actor[] {stranger, otherBureau}) {
            assertThat(kind(() -> attachments.list(a, id))).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(kind(() -> attachments.content(a, id, added.id()))).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(kind(() -> attachments.remove(a, id, added.id()))).isEqualTo(DomainException.Kind.NOT_FOUND);
            byte[] file = png();
            assertThat(kind(() -> attachments.add(a, id, "x.png", file))).isEqualTo(DomainException.Kind.NOT_FOUND);
        }
        Actor deciding = Actor.staff(Actor.Role.REVIEWER, "att", "65000", null);
        assertThat(kind(() -> attachments.remove(deciding, id, added.id()))).isEqualTo(DomainException.Kind.FORBIDDEN);

        assertThat(api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE")).status())
                .isEqualTo(200);
        byte[] more = pdf();
        assertThatThrownBy(() -> attachments.add(person, id, "late.pdf", more)).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.violations().get(0).messageKey()).isEqualTo("attachment.locked"));
        assertThat(kind(() -> attachments.remove(person, id, added.id()))).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(attachments.list(person, id)).hasSize(1);
    }
}
