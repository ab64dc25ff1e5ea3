package tw.gov.mohw.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** Every answer says what the browser may do with it: referrer, features, framing, and HTTPS only in production. */
class SecurityHeadersTest {

    static HttpResponse<String> get(SignIns signIns, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @IntegrationTest
    class TestEnvironment {
        @Autowired SignIns signIns;

        @Test
        void pagesAndTheApiDocumentationCarryReferrerAndPermissionsPolicies() throws Exception {
            for (String path : new String[] {"/login", "/v3/api-docs", "/help"}) {
                var r = get(signIns, path);
                assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
                assertThat(r.headers().firstValue("Permissions-Policy").orElse("")).as(path)
                        .contains("camera=()", "geolocation=()", "microphone=()");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            }
            // plain http on localhost: no HSTS here (it would pin the developer's localhost to HTTPS)
            assertThat(get(signIns, "/login").headers().firstValue("Strict-Transport-Security")).isEmpty();
        }

        @Test
        void whatASignedInPersonSawIsNotKeptAndSigningOutClearsTheBrowser() {
            SignIns.Session session = signIns.session("national-viewer:headers");
            signIns.forget("national-viewer:headers");
            for (String path : new String[] {"/", "/api/v1/reports", "/api/v1/session"}) {
                var r = signIns.call(session, "GET", path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Cache-Control").orElse("")).as(path).contains("no-store");
            }
            var out = signIns.call(session, "POST", "/sign-out", null);
            assertThat(out.statusCode()).isEqualTo(302);
            assertThat(out.headers().firstValue("Clear-Site-Data").orElse(""))
                    .contains("\"cache\"", "\"storage\"").doesNotContain("cookies");
        }
    }

    @Nested
    @IntegrationTest
    @TestPropertySource(properties = "support.security.hsts-always=true")
    class BehindATlsProxy {
        @Autowired SignIns signIns;

        @Test
        void productionSendsHstsOnEveryAnswer() throws Exception {
            assertThat(get(signIns, "/login").headers().firstValue("Strict-Transport-Security").orElse(""))
                    .contains("max-age=31536000", "includeSubDomains");
        }
    }
}
