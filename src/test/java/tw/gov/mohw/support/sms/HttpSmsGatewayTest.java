package tw.gov.mohw.support.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP SMS adapter against a fake provider on 127.0.0.1: its replies, its errors and its silence. */
class HttpSmsGatewayTest {

    /** What the fake provider answers: status and body for each request's form. */
    record Reply(int status, String body, long delayMillis) {
    }

    HttpServer server;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    HttpSmsGateway gateway(Function<Map<String, String>, Reply> provider) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
                    .collect(Collectors.toMap(p -> decode(p[0]), p -> p.length > 1 ? decode(p[1]) : ""));
            received.add(form);
            Reply reply = provider.apply(form);
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/send");
        // room for a loaded machine: a prompt answer must never be mistaken for silence
        return new HttpSmsGateway(new SmsProperties.Http(url, "mohw-test", "s3cret-pw", Duration.ofSeconds(1),
                Duration.ofMillis(1_200)), health());
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheFormAndReturnsTheProvidersId() throws IOException {
        var sms = gateway(form -> new Reply(200, "[1]\r\nmsgid=1010079522\r\nstatuscode=1\r\nAccountPoint=98\r\n", 0));
        String id = sms.send("0912345678", "您的驗證碼為 123456，5 分鐘內有效。", "otp-7f3a");
        assertThat(id).isEqualTo("1010079522");
        assertThat(received).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("username", "mohw-test").containsEntry("password", "s3cret-pw")
                    .containsEntry("dstaddr", "0912345678").containsEntry("clientid", "otp-7f3a")
                    .containsEntry("smbody", "您的驗證碼為 123456，5 分鐘內有效。");
        });
    }

    @Test
    void acceptedStatusesAreAllSuccess() throws IOException {
        List<String> statuses = new ArrayList<>(List.of("0", "1", "2", "4"));
        var sms = gateway(form -> new Reply(200, "msgid=m" + form.get("clientid") + "\nstatuscode=" + form.get("clientid"), 0));
        for (String s : statuses) {
            assertThat(sms.send("0987654321", "測試", s)).isEqualTo("m" + s);
        }
    }

    @Test
    void providerRefusalsSayWhy() throws IOException {
        var sms = gateway(form -> new Reply(200, "[1]\nstatuscode=" + form.get("clientid") + "\n", 0));
        assertRefused(() -> sms.send("0912345678", "x", "5"), SmsException.Reason.INVALID_CONTENT, false);
        assertRefused(() -> sms.send("0912345678", "x", "6"), SmsException.Reason.INVALID_NUMBER, false);
        assertRefused(() -> sms.send("0912345678", "x", "k"), SmsException.Reason.INVALID_NUMBER, false);
        assertRefused(() -> sms.send("0912345678", "x", "e"), SmsException.Reason.ACCOUNT, false);
        assertRefused(() -> sms.send("0912345678", "x", "9"), SmsException.Reason.UNAVAILABLE, true);
    }

    @Test
    void httpErrorsAndUnreadableAnswersAreUnavailable() throws IOException {
        var sms = gateway(form -> switch (form.get("clientid")) {
            case "503" -> new Reply(503, "busy", 0);
            case "garbage" -> new Reply(200, "<html>maintenance</html>", 0);
            default -> new Reply(200, "statuscode=1\n", 0); // accepted without an id
        });
        assertRefused(() -> sms.send("0912345678", "x", "503"), SmsException.Reason.UNAVAILABLE, true);
        assertRefused(() -> sms.send("0912345678", "x", "garbage"), SmsException.Reason.UNAVAILABLE, true);
        assertRefused(() -> sms.send("0912345678", "x", "no-id"), SmsException.Reason.UNAVAILABLE, true);
    }

    @Test
    void aSilentProviderIsATimeoutNotAHang() throws IOException {
        var sms = gateway(form -> new Reply(200, "msgid=1\nstatuscode=1", 5_000));
        long start = System.nanoTime();
        assertRefused(() -> sms.send("0912345678", "x", "slow"), SmsException.Reason.TIMEOUT, true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_500));
    }

    @Test
    void anUnreachableProviderIsUnavailable() throws IOException {
        var sms = gateway(form -> new Reply(200, "", 0));
        server.stop(0);
        server = null;
        assertRefused(() -> sms.send("0912345678", "x", "gone"), SmsException.Reason.UNAVAILABLE, true);
    }

    @Test
    void badNumbersAndTextsNeverReachTheProvider() throws IOException {
        var sms = gateway(form -> new Reply(200, "msgid=1\nstatuscode=1", 0));
        for (String bad : new String[] {null, "", "0212345678", "091234567", "09123456789", "+886912345678", "09１2345678"}) {
            assertRefused(() -> sms.send(bad, "x", "r"), SmsException.Reason.INVALID_NUMBER, false);
        }
        assertRefused(() -> sms.send("0912345678", " ", "r"), SmsException.Reason.INVALID_CONTENT, false);
        assertRefused(() -> sms.send("0912345678", "字".repeat(HttpSmsGateway.MAX_TEXT + 1), "r"),
                SmsException.Reason.INVALID_CONTENT, false);
        assertThat(received).isEmpty();
    }

    @Test
    void thePasswordNeverAppearsInMessagesOrSettings() throws IOException {
        var sms = gateway(form -> new Reply(500, "error for password s3cret-pw", 0));
        assertThatThrownBy(() -> sms.send("0912345678", "x", "r"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThat(new SmsProperties.Http(URI.create("http://127.0.0.1/"), "a", "s3cret-pw", Duration.ofSeconds(1),
                Duration.ofSeconds(1)).toString()).doesNotContain("s3cret-pw");
    }

    static void assertRefused(Runnable call, SmsException.Reason reason, boolean retryable) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SmsException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.retryable()).isEqualTo(retryable);
        });
    }

    @Test
    void aBodyTrickledOutSlowlyIsATimeoutToo() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/send", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 30; i++) {
                    exchange.getResponseBody().write('x');
                    exchange.getResponseBody().flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up
            }
            exchange.close();
        });
        server.start();
        var sms = new HttpSmsGateway(new SmsProperties.Http(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/api/send"), "a", "p", Duration.ofSeconds(1), Duration.ofMillis(400)),
                health());
        long start = System.nanoTime();
        assertRefused(() -> sms.send("0912345678", "x", "trickle"), SmsException.Reason.TIMEOUT, true);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void onlyTheFirstKilobytesOfAnAnswerAreRead() throws IOException {
        var sms = gateway(form -> new Reply(200, "msgid=77\nstatuscode=1\n" + "#".repeat(2_000_000), 0));
        assertThat(sms.send("0912345678", "x", "big")).isEqualTo("77");
    }

    @Test
    void thePasswordIsNeverSentInClearTextToAnotherHost() {
        assertThatThrownBy(() -> new HttpSmsGateway(new SmsProperties.Http(URI.create("http://sms.example.com/send"),
                "a", "p", Duration.ofSeconds(1), Duration.ofSeconds(1)), health()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("https");
    }

    private static SmsHealthIndicator health() {
        return new SmsHealthIndicator(java.time.Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
