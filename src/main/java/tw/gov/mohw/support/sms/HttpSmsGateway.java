package tw.gov.mohw.support.sms;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The adapter for an HTTP SMS provider, in the form Taiwan's bulk-SMS providers commonly offer: a form-encoded POST
 * of {@code username}, {@code password}, {@code dstaddr} (the number), {@code smbody} (the text, UTF-8) and
 * {@code clientid} (our reference, so the provider drops a repeated message), answered with {@code key=value}
 * lines such as {@code msgid=1010079522} and {@code statuscode=1}.
 *
 * <p>Status codes 0, 1, 2 and 4 mean accepted (queued, sent to the carrier, delivered); 5 and 6 a refused text or
 * number; letters an account problem ({@code e}: wrong account or password, {@code k}: number refused); anything
 * else, an HTTP error or an unreadable answer means the provider is unavailable. A timeout is reported as such: the
 * message may have gone out, and a retry with the same reference is safe.
 */
class HttpSmsGateway implements SmsGateway {

    private static final Pattern MOBILE = Pattern.compile("09\\d{8}");
    /** A text longer than this is split by carriers into several paid messages; ours never need that. */
    static final int MAX_TEXT = 335;
    /** A provider's answer is a few short lines; more is not read. */
    static final int MAX_REPLY = 4096;

    private final SmsProperties.Http settings;
    private final HttpClient http;
    private final SmsHealthIndicator health;

    HttpSmsGateway(SmsProperties.Http settings, SmsHealthIndicator health) {
        this.settings = Objects.requireNonNull(settings, "support.sms.http");
        this.health = health;
        Objects.requireNonNull(settings.url(), "support.sms.http.url");
        Objects.requireNonNull(settings.account(), "support.sms.http.account");
        Objects.requireNonNull(settings.password(), "support.sms.http.password");
        // The account's password travels in the form: never in clear text, except to a fake on this machine.
        String host = settings.url().getHost();
        if (!"https".equalsIgnoreCase(settings.url().getScheme())
                && !("127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host))) {
            throw new IllegalStateException("support.sms.http.url must be https");
        }
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String send(String mobile, String text, String reference) {
        try {
            String id = deliver(mobile, text, reference);
            health.succeeded();
            return id;
        } catch (SmsException e) {
            health.record(e);
            throw e;
        }
    }

    private String deliver(String mobile, String text, String reference) {
        if (mobile == null || !MOBILE.matcher(mobile).matches()) {
            throw new SmsException(SmsException.Reason.INVALID_NUMBER, "not a mobile number");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new SmsException(SmsException.Reason.INVALID_CONTENT, "text empty or longer than " + MAX_TEXT);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", settings.account());
        form.put("password", settings.password());
        form.put("dstaddr", mobile);
        form.put("smbody", text);
        form.put("clientid", reference);
        form.put("CharsetURL", "UTF-8");
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
                .build();
        // One deadline for the whole exchange, body included (the client's own timeout stops at the headers), and
        // no more than a few kilobytes read: a slow or hostile provider cannot hold a sign-in thread or fill memory.
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, responseInfo ->
                HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
                    try (in) {
                        return new String(in.readNBytes(MAX_REPLY), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
        HttpResponse<String> response;
        try {
            response = exchange.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new SmsException(SmsException.Reason.TIMEOUT, "no answer from the SMS provider in time", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new SmsException(SmsException.Reason.TIMEOUT, "no answer from the SMS provider in time", cause);
            }
            throw new SmsException(SmsException.Reason.UNAVAILABLE,
                    "SMS provider unreachable: " + (cause == null ? e : cause).getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new SmsException(SmsException.Reason.UNAVAILABLE, "interrupted while sending", e);
        }
        if (response.statusCode() != 200) {
            throw new SmsException(SmsException.Reason.UNAVAILABLE, "SMS provider answered HTTP " + response.statusCode());
        }
        return accepted(parse(response.body()));
    }

    private static String accepted(Map<String, String> reply) {
        String status = reply.get("statuscode");
        if (status == null) {
            throw new SmsException(SmsException.Reason.UNAVAILABLE, "SMS provider's answer has no status");
        }
        return switch (status) {
            case "0", "1", "2", "4" -> {
                String id = reply.get("msgid");
                if (id == null || id.isBlank()) {
                    throw new SmsException(SmsException.Reason.UNAVAILABLE, "SMS provider accepted without an id");
                }
                yield id;
            }
            case "5" -> throw new SmsException(SmsException.Reason.INVALID_CONTENT, "SMS provider refused the text");
            case "6", "k" -> throw new SmsException(SmsException.Reason.INVALID_NUMBER, "SMS provider refused the number");
            case "e", "a", "b", "c", "d", "r", "s", "t", "u", "v" ->
                    throw new SmsException(SmsException.Reason.ACCOUNT, "SMS provider refused the account (" + status + ")");
            default -> throw new SmsException(SmsException.Reason.UNAVAILABLE, "SMS provider status " + limit(status));
        };
    }

    /** {@code key=value} lines; a leading {@code [1]} batch marker and blank lines are skipped. */
    static Map<String, String> parse(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null) {
            return out;
        }
        for (String line : body.split("\\r?\\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String limit(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
