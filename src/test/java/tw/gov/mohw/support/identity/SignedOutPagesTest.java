package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * Looking at a signed-out page keeps nothing on the server: the form's CSRF token travels in a cookie until the
 * first sign-in step that needs state (requesting an SMS code, a card challenge) starts the session.
 */
@IntegrationTest
class SignedOutPagesTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    @Autowired SignIns signIns;
    @Autowired JdbcClient jdbc;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private long sessions() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + path)).header("Accept", BROWSER)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fiftyViewsOfEverySignedOutPageLeaveNoSessionRow() throws Exception {
        long before = sessions();
        for (int i = 0; i < 50; i++) {
            // the login pages, help, a printout's verification address (here one that names nothing), and a page
            // that needs signing in (which sends the browser to /login)
            for (var expected : Map.of("/login", 200, "/staff/login", 200, "/help", 200, "/verify/AAAA-BBBB", 404,
                    "/reports", 302).entrySet()) {
                String path = expected.getKey();
                var page = get(path);
                assertThat(page.statusCode()).as(path).isEqualTo(expected.getValue());
                assertThat(page.headers().allValues("Set-Cookie")).as(path)
                        .noneMatch(c -> c.startsWith("SESSION="));
            }
        }
        assertThat(sessions()).isEqualTo(before);
    }

    /** ASVS 6.2.6, 6.2.7: masked fields that password managers fill and that take a paste. */
    @Test
    void passwordFieldsAreMaskedAndLeftToPasswordManagers() throws Exception {
        String staff = get("/staff/login").body();
        assertThat(staff).containsPattern("<input id=\"staff-password\" name=\"password\" type=\"password\" "
                + "autocomplete=\"current-password\"");
        String people = get("/login").body();
        assertThat(people).containsPattern("<input id=\"nhi-password\" name=\"password\" type=\"password\" "
                + "autocomplete=\"current-password\"");
        for (String page : new String[] {staff, people}) {
            assertThat(page).doesNotContainIgnoringCase("onpaste").doesNotContain("autocomplete=\"off\" required "
                    + "maxlength=\"128\"");
        }
    }

    @Test
    void theSignInFormsStillCarryATokenThatIsCheckedAndTheSessionStartsWithTheFirstStep() throws Exception {
        var login = get("/login");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("CSRF="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/");

        SignIns.Session browser = signIns.anonymous();
        assertThat(browser.cookie()).as("no session yet").isNull();
        String request = json.writeValueAsString(Map.of("nationalId", "A123456789", "mobile", "0912345678"));
        // the cookie without the token from the page, and the token without the cookie, are both refused
        var noToken = signIns.call(new SignIns.Session(null, "", browser.csrfCookie()), "POST", "/login/sms", request);
        assertThat(noToken.statusCode()).isEqualTo(403);
        var noCookie = signIns.call(new SignIns.Session(null, browser.csrf(), null), "POST", "/login/sms", request);
        assertThat(noCookie.statusCode()).isEqualTo(403);
        long before = sessions();
        var sent = signIns.call(browser, "POST", "/login/sms", request);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(browser.cookie()).as("the SMS request started the session").isNotNull();
        assertThat(sessions()).isEqualTo(before + 1);
    }
}
