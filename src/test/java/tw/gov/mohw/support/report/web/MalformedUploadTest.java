package tw.gov.mohw.support.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** Uploads the server cannot take are refused as such (413, 400), signed in or not — never a 500. */
@IntegrationTest
class MalformedUploadTest {

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired Api api;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> upload(SignIns.Session session, long report, String fileName, byte[] content,
            String accept) throws Exception {
        String boundary = "----b" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + (session == null ? "x" : session.csrf()) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").getBytes(StandardCharsets.UTF_8));
        body.write(fileName.getBytes(StandardCharsets.UTF_8));
        body.write("\"\r\nContent-Type: application/pdf\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var b = HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/reports/" + report + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (session != null) {
            b.header("Cookie", session.cookies());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOversizedUploadIs413AndANulInItsNameIs400() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(8);
        long id = api.post("practitioner:" + person, "/api/v1/reports", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusDays(9).toString(), "MONDAY", "09:00",
                "10:00")).body().get("id").asLong();
        SignIns.Session session = signIns.session("practitioner:" + person);
        // a little over: read, and refused next to the upload on the report's page
        var seven = upload(session, id, "seven.pdf", new byte[7 * 1024 * 1024], "text/html");
        assertThat(seven.statusCode()).isEqualTo(302);
        // far over: 413 at once, for script and for a browser, signed in or not
        byte[] eleven = new byte[11 * 1024 * 1024];
        var big = upload(session, id, "big.pdf", eleven, "application/json");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("\"status\":413").doesNotContain("Exception");
        var bigPage = upload(session, id, "big.pdf", eleven, "text/html");
        assertThat(bigPage.statusCode()).isEqualTo(413);
        assertThat(bigPage.body()).contains("lang=\"zh-Hant-TW\"").contains("5 MB").contains("回首頁");
        assertThat(upload(null, id, "big.pdf", eleven, "application/json").statusCode()).isEqualTo(413);

        var nul = upload(session, id, "a\u0000b.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "text/html");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).doesNotContain("Exception");
        assertThat(upload(null, id, "a\u0000b.pdf", new byte[10], "application/json").statusCode())
                .isIn(400, 401, 403);
    }
}
