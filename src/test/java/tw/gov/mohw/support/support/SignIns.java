package tw.gov.mohw.support.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.testenv.TestHca;

/**
 * Signs test actors in through the real sign-in endpoints: personnel and clerks with a soft card from the test HCA
 * (a CMS signature over the server's challenge), staff with their own HPC card on the staff sign-in. Sessions are
 * kept per actor and reused.
 */
@TestComponent
public class SignIns {

    private static final Pattern SESSION_COOKIE = Pattern.compile("SESSION=([^;]+)");
    private static final Pattern CSRF_COOKIE = Pattern.compile("^CSRF=([^;]+)");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    /** One key for every card tests issue: a fresh 2048-bit RSA key per card would cost a second each. */
    private static final KeyPair CARD_KEYS = TestHca.rsaKeys();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Environment environment;
    private final TestHca hca;
    private final StaffAccounts staff;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    SignIns(Environment environment, TestHca hca, StaffAccounts staff) {
        this.environment = environment;
        this.hca = hca;
        this.staff = staff;
    }

    /**
     * A browser as this site sees it: its session cookie once the server has started one ({@code null} before), the
     * CSRF cookie a signed-out page gave it, and the CSRF token the page showed.
     */
    public static final class Session {
        private volatile String cookie;
        private final String csrf;
        private final String csrfCookie;

        public Session(String cookie, String csrf) {
            this(cookie, csrf, null);
        }

        public Session(String cookie, String csrf, String csrfCookie) {
            this.cookie = cookie;
            this.csrf = csrf;
            this.csrfCookie = csrfCookie;
        }

        /** The session cookie's value. */
        public String cookie() {
            return cookie;
        }

        public String csrf() {
            return csrf;
        }

        public String csrfCookie() {
            return csrfCookie;
        }

        /** The Cookie header this browser sends. */
        public String cookies() {
            return java.util.stream.Stream.of(cookie == null ? null : "SESSION=" + cookie,
                    csrfCookie == null ? null : "CSRF=" + csrfCookie).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.joining("; "));
        }

        /**
         * Keeps the session the server starts at the first step that needs one; a session it already has is not
         * replaced (tests hold on to the old one to show it no longer works).
         */
        void remember(HttpResponse<?> response) {
            if (cookie == null) {
                SignIns.cookie(response).ifPresent(c -> cookie = c);
            }
        }
    }

    /** Where the test server answers. */
    public String baseUrl() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    public Session session(String actor) {
        return sessions.computeIfAbsent(actor, this::signIn);
    }

    public void forget(String actor) {
        sessions.remove(actor);
    }

    /** A browser that has opened the login page and not signed in yet: a CSRF cookie and token, no session. */
    public Session anonymous() {
        HttpResponse<String> page = call(null, "GET", "/login", null);
        Matcher m = CSRF_META.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String csrfCookie = page.headers().allValues("Set-Cookie").stream().map(CSRF_COOKIE::matcher)
                .filter(Matcher::find).map(c -> c.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no CSRF cookie from the login page"));
        return new Session(cookie(page).orElse(null), m.group(1), csrfCookie);
    }

    /** Signs in with a card: challenge, signature, sign-in. */
    public HttpResponse<String> signInWithCard(Session anonymous, TestHca.SoftCard card, boolean asStaff) {
        String prefix = asStaff ? "/staff/login/hca" : "/login/hca";
        HttpResponse<String> c = call(anonymous, "POST", prefix + "/challenge", "{}");
        byte[] challenge = Base64.getDecoder().decode(json.readTree(c.body()).get("challenge").asString());
        String signature = Base64.getEncoder().encodeToString(card.sign(challenge));
        return call(anonymous, "POST", prefix, json.writeValueAsString(Map.of("signature", signature)));
    }

    /** The session a successful sign-in answer started (the id changes at sign-in). */
    public Session signedIn(HttpResponse<String> answer) {
        String cookie = cookie(answer).orElseThrow(() -> new IllegalStateException(
                "sign-in did not start a session: " + answer.statusCode() + " " + answer.body()));
        HttpResponse<String> me = call(new Session(cookie, ""), "GET", "/api/v1/session", null);
        if (me.statusCode() != 200) {
            throw new IllegalStateException("not signed in: " + me.statusCode());
        }
        return new Session(cookie, json.readTree(me.body()).get("csrfToken").asString());
    }

    public TestHca.SoftCard card(CardType type, String holderId) {
        return hca.issue(type, holderId, "測試 " + holderId, CARD_KEYS);
    }

    private Session signIn(String actor) {
        String[] p = actor.split(":", -1);
        Session anonymous = anonymous();
        HttpResponse<String> answer = switch (p[0]) {
            case "practitioner" -> signInWithCard(anonymous, card(CardType.HPC, p[1]), false);
            case "institution" -> signInWithCard(anonymous, card(CardType.HOP, p[1]), false);
            case "reviewer", "bureau-admin" -> staffSignIn(anonymous, p[0].equals("reviewer") ? Actor.Role.REVIEWER
                    : Actor.Role.BUREAU_ADMIN, p[2], p[1], p.length == 4 ? p[3] : null);
            case "national-viewer" -> staffSignIn(anonymous, Actor.Role.NATIONAL_VIEWER, p[1], null, null);
            case "system-admin" -> staffSignIn(anonymous, Actor.Role.SYSTEM_ADMIN, p[1], null, null);
            default -> throw new IllegalArgumentException("unknown actor " + actor);
        };
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("could not sign in " + actor + ": " + answer.statusCode() + " "
                    + answer.body());
        }
        return signedIn(answer);
    }

    /**
     * Staff sign in with their own HPC card; an account made here gets an ID of its own if the test named none: a
     * resident-certificate form ("Q8…") that no synthetic practitioner (never Q) and no fixture (Q1, Q2) ever has.
     */
    private HttpResponse<String> staffSignIn(Session anonymous, Actor.Role role, String username, String county,
            String nationalId) {
        String id = nationalId != null ? NationalId.parse(nationalId).value()
                : NationalId.generate('Q', '8', Math.floorMod(username.hashCode(), 10_000_000)).value();
        staff.createKnown(new StaffAccounts.NewAccount(username, role, county, "測試 " + username, id),
                "Test-Staff-2026", new byte[20]);
        String stored = staff.find(username).map(StaffAccounts.Account::nationalId).orElse(id);
        return signInWithCard(anonymous, card(CardType.HPC, stored), true);
    }

    /** A form with one file, as a browser posts it (multipart, the CSRF token in the form); redirects not followed. */
    public HttpResponse<String> upload(Session session, String path, String fileName, String contentType,
            byte[] content) {
        String boundary = "upload" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + session.csrf() + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", session.cookies()).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> call(Session session, String method, String path, String body) {
        return call(baseUrl(), session, method, path, body);
    }

    /** {@link #call(Session, String, String, String)} on the node at {@code base}. */
    public HttpResponse<String> call(String base, Session session, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (session != null) {
            if (!session.cookies().isEmpty()) {
                b.header("Cookie", session.cookies());
            }
            if (!session.csrf().isEmpty()) {
                b.header("X-CSRF-TOKEN", session.csrf());
            }
        }
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (session != null) {
                session.remember(response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Optional<String> cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst();
    }

    public JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

}
