package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * A kept attachment comes back as a download only (never shown in our origin), its name encoded as RFC 6266 says so
 * that no name can break the header, not cached, byte for byte (ASVS 5.3.1, 5.4.1, 5.4.2).
 */
@IntegrationTest
class AttachmentDownloadTest {

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired Api api;
    @Autowired JdbcClient jdbc;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aKeptFileComesBackAsADownloadUnderItsEncodedName() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(8);
        long id = api.post("practitioner:" + person, "/api/v1/reports", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusDays(9).toString(), "MONDAY", "09:00",
                "10:00")).body().get("id").asLong();
        SignIns.Session session = signIns.session("practitioner:" + person);
        var pdf = new ByteArrayOutputStream();
        try (var document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(pdf);
        }
        String boundary = "----b" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrf()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"同意書;x=1.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var uploaded = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/reports/" + id + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", session.cookies())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(302);
        long attachment = jdbc.sql("select id from report_attachment where report_id = ?").param(id)
                .query(Long.class).single();

        var download = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/reports/" + id
                + "/attachments/" + attachment)).header("Cookie", session.cookies()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf.toByteArray());
        String disposition = download.headers().firstValue("Content-Disposition").orElse("");
        assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''"
                + URLEncoder.encode("同意書", StandardCharsets.UTF_8));
        // read back as a browser does: one name, whole, its ; and = adding no parameter of their own
        var parsed = org.springframework.http.ContentDisposition.parse(disposition);
        assertThat(parsed.isAttachment()).isTrue();
        assertThat(parsed.getFilename()).isEqualTo("同意書;x=1.pdf");
        assertThat(parsed.toString()).doesNotContain("; x=");
        assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }
}
