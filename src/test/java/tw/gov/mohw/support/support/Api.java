package tw.gov.mohw.support.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the running test server, as the pages' script calls it: each actor signs in for real
 * (personnel and institutions with a soft card from the test HCA, staff with their own HPC card or password and
 * authenticator code), and every request carries that session's cookie and CSRF token.
 */
@TestComponent
public class Api {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Environment environment;
    private final SignIns signIns;

    Api(Environment environment, SignIns signIns) {
        this.environment = environment;
        this.signIns = signIns;
    }

    /** A response: the status and the body as JSON (or {@code null} when it is not JSON). */
    public record Response(int status, JsonNode body, String raw, String contentType) {
        public String text(String pointer) {
            JsonNode n = body == null ? null : body.at(pointer);
            return n == null || n.isMissingNode() || n.isNull() ? null : n.asString();
        }
    }

    public Response get(String actor, String path) {
        return send(actor, "GET", path, null, Map.of());
    }

    public Response post(String actor, String path, Object body) {
        return send(actor, "POST", path, body, Map.of());
    }

    public Response post(String actor, String path, Object body, Map<String, String> headers) {
        return send(actor, "POST", path, body, headers);
    }

    public Response put(String actor, String path, Object body) {
        return send(actor, "PUT", path, body, Map.of());
    }

    /**
     * Sends as {@code actor} ({@code practitioner:<ID>}, {@code institution:<code>},
     * {@code reviewer:<county>:<user>[:<ID>]}, {@code bureau-admin:…}, {@code national-viewer:<user>},
     * {@code system-admin:<user>}), signing in first if needed and again if the session has ended.
     */
    public Response send(String actor, String method, String path, Object body, Map<String, String> headers) {
        if (actor == null) {
            return send((SignIns.Session) null, method, path, body, headers);
        }
        Response r = send(signIns.session(actor), method, path, body, headers);
        if (r.status() == 401) {
            signIns.forget(actor);
            r = send(signIns.session(actor), method, path, body, headers);
        }
        return r;
    }

    /** Sends within a given session (or none). */
    public Response send(SignIns.Session session, String method, String path, Object body,
            Map<String, String> headers) {
        return send("http://127.0.0.1:" + environment.getProperty("local.server.port"), session, method, path, body,
                headers);
    }

    /** Sends within a given session (or none) to the node at {@code base} (another node of the same database). */
    public Response send(String base, SignIns.Session session, String method, String path, Object body,
            Map<String, String> headers) {
        String raw = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, raw == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(raw));
        if (raw != null) {
            b.header("Content-Type", "application/json");
        }
        if (session != null) {
            b.header("Cookie", session.cookies());
            b.header("X-CSRF-TOKEN", session.csrf());
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode node = type.contains("json") && !r.body().isEmpty() ? json.readTree(r.body()) : null;
            return new Response(r.statusCode(), node, r.body(), type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A valid new-report body: weekly slots on the given day and times, for the given ISO period. */
    public static Map<String, Object> report(String person, String supported, String start, String end,
            String day, String from, String to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("practitioner", person);
        body.put("supportedInstitution", supported);
        body.put("category", "REGULAR");
        body.put("department", "02");
        body.put("content", "支援內科門診");
        body.put("period", Map.of("start", start, "end", end));
        body.put("schedule", Map.of("weekly", java.util.List.of(Map.of("day", day, "start", from, "end", to))));
        return body;
    }
}
