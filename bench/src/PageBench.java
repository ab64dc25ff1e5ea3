import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Page and PDF times of the test environment, one client, over loopback: signs in as a person (HCA soft card hpc-1
 * through the simulated card agent, as the login page does) and as reviewer-63000 (password + TOTP), then times
 * each page WARMUP + N times and prints p50/p95/p99/max in ms.
 *
 * Usage: java bench/src/PageBench.java <base url> <agent port> [N]
 */
public class PageBench {

    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
    static final Pattern REPORT = Pattern.compile("href=\"/reports/(\\d+)\"");

    static String base;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Session(String cookie, String csrf) {
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        int agentPort = Integer.parseInt(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 300;

        Session person = person(agentPort);
        Session reviewer = reviewer();

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("person: start page (/)", "P /");
        String own = first(REPORT, get(person, "/").body());
        if (own != null) {
            pages.put("person: a report's page", "P /reports/" + own);
        }
        pages.put("person: 登錄 step 1", "P " + location(get(person, "/reports/new")));
        pages.put("person: export.csv", "P /reports/export.csv");
        pages.put("help (signed out)", "- /help");
        pages.put("reviewer: start page (bureau, 20 rows)", "R /");
        String approved = first(REPORT, get(reviewer, "/?status=APPROVED").body());
        pages.put("reviewer: a report's page", "R /reports/" + approved);
        pages.put("reviewer: approval notice PDF", "R /reports/" + approved + "/print/approval.pdf");
        pages.put("reviewer: application PDF", "R /reports/" + approved + "/print/application.pdf");

        System.out.printf("%-42s %8s %8s %8s %8s %6s%n", "page (" + n + " requests, 1 client)", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "KiB");
        for (var e : pages.entrySet()) {
            Session s = e.getValue().startsWith("P") ? person : e.getValue().startsWith("R") ? reviewer : null;
            String path = e.getValue().substring(2);
            int size = 0;
            for (int i = 0; i < 30; i++) {
                size = check(get(s, path), path).body().length();
            }
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                var r = get(s, path);
                ms[i] = (System.nanoTime() - t) / 1e6;
                check(r, path);
            }
            Arrays.sort(ms);
            System.out.printf("%-42s %8.1f %8.1f %8.1f %8.1f %6d%n", e.getKey(), ms[n / 2], ms[(int) (n * 0.95)],
                    ms[(int) (n * 0.99)], ms[n - 1], size / 1024);
        }
    }

    static HttpResponse<String> check(HttpResponse<String> r, String path) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return r;
    }

    /** The login page's HCA flow against the simulated agent: insert hpc-1, challenge, Sign with the PIN, sign in. */
    static Session person(int agentPort) throws Exception {
        Session anonymous = anonymous();
        post(anonymous, "/test-environment/reader", "form", "hca=hpc-1&_csrf=" + enc(anonymous.csrf()));
        String challenge = json(post(anonymous, "/login/hca/challenge", "json", "{}").body(), "challenge");
        String tbs = Base64.getEncoder().encodeToString(("{\"tbs\":\"" + challenge + "\",\"pin\":\"123456\"}")
                .getBytes(StandardCharsets.UTF_8));
        SSLContext trustLoopback = SSLContext.getInstance("TLS");
        trustLoopback.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
                // the simulated agent's self-signed certificate, on 127.0.0.1 only
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        var agent = HttpClient.newBuilder().sslContext(trustLoopback).build().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + agentPort + "/Sign"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("tbsPackage=" + enc(tbs))).build(),
                HttpResponse.BodyHandlers.ofString());
        String signature = json(agent.body(), "signature");
        var answer = post(anonymous, "/login/hca", "json", "{\"signature\":\"" + signature + "\"}");
        return signedIn(answer);
    }

    /** Password and the authenticator code of the test environment's published secret. */
    static Session reviewer() throws Exception {
        Session anonymous = anonymous();
        byte[] secret = Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                .digest("test-environment-totp:reviewer-63000".getBytes(StandardCharsets.UTF_8)), 20);
        var answer = post(anonymous, "/staff/login/password", "json", "{\"username\":\"reviewer-63000\","
                + "\"password\":\"Test-Staff-2026\",\"code\":\"" + totp(secret) + "\"}");
        return signedIn(answer);
    }

    static Session anonymous() throws Exception {
        var page = get(null, "/login");
        Matcher m = CSRF.matcher(page.body());
        m.find();
        return new Session(cookie(page), m.group(1));
    }

    static Session signedIn(HttpResponse<String> answer) throws Exception {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sign-in refused: " + answer.body());
        }
        String cookie = cookie(answer);
        var me = get(new Session(cookie, ""), "/api/v1/session");
        return new Session(cookie, json(me.body(), "csrfToken"));
    }

    static HttpResponse<String> get(Session s, String path) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (s != null) {
            b.header("Cookie", "SESSION=" + s.cookie());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    static HttpResponse<String> post(Session s, String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", "SESSION=" + s.cookie()).header("X-CSRF-TOKEN", s.csrf())
                .header("Content-Type", type.equals("json") ? "application/json"
                        : "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(HttpResponse<?> r) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(c);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("no session cookie");
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").map(l -> l.replaceFirst("^https?://[^/]+", "")).orElseThrow();
    }

    static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String totp(byte[] secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(Instant.now().getEpochSecond() / 30).array());
        int o = h[h.length - 1] & 0x0f;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }
}
