package tw.gov.mohw.support.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/** The simulated card components, spoken to as the login page speaks to them: HTTPS and WebSocket on loopback. */
@IntegrationTest
class CardAgentSimulatorTest {

    @Autowired CardAgentSimulator agent;
    @Autowired TestCards cards;
    @Autowired Fixtures fixtures;
    @Autowired Registry registry;
    @Autowired SignIns signIns;
    @Autowired Path testEnvironmentDirectory;
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void emptyTheReaders() {
        agent.insertHca(null);
        agent.insertNhi(null);
    }

    /** Trusts the agent's own certificate only, as a browser does once the component's certificate is installed. */
    private HttpClient https() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(testEnvironmentDirectory.resolve("card-agent-tls.p12"))) {
            store.load(in, "card-agent".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("agent", store.getCertificate("tls"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> hca(String function, Map<String, ?> data, String origin) throws Exception {
        String tbs = Base64.getEncoder().encodeToString(json.writeValueAsString(data).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + agent.hcaPorts().get(0) + "/" + function))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("tbsPackage=" + java.net.URLEncoder.encode(tbs,
                        StandardCharsets.UTF_8)));
        return https().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode hca(String function, Map<String, ?> data) throws Exception {
        return json.readTree(hca(function, data, "http://localhost:8080").body());
    }

    @Test
    void hcaServiSignEchoesReadsAndSignsWithTheRightPin() throws Exception {
        assertThat(hca("Echo", Map.of()).get("version").asString()).contains("1.0.23");
        assertThat(hca("GetBasicData", Map.of()).get("ret_code").asInt()).isEqualTo(CardAgentSimulator.NO_CARD);

        String person = fixtures.practitioner(fixtures.institution("63000"));
        var card = cards.addHca("t-" + person, "測試卡", CardType.HPC, person, "測試醫師", TestCards.State.VALID);
        agent.insertHca(card.alias());
        JsonNode basic = hca("GetBasicData", Map.of());
        assertThat(basic.get("ret_code").asInt()).isZero();
        assertThat(basic.get("card_type").asInt()).isEqualTo(1);
        assertThat(basic.get("id_no").asString()).isEqualTo(person);
        assertThat(basic.get("card_valid_to").asString()).matches("\\d{7}");
        assertThat(hca("GetCertificate", Map.of()).get("certificate").asString()).isNotBlank();

        // the page's flow: the server's challenge, signed by the agent after the PIN, posted back
        SignIns.Session browser = signIns.anonymous();
        String challenge = json.readTree(signIns.call(browser, "POST", "/login/hca/challenge", "{}").body())
                .get("challenge").asString();
        JsonNode signed = hca("Sign", Map.of("tbs", challenge, "pin", TestCards.PIN));
        assertThat(signed.get("ret_code").asInt()).isZero();
        var answer = signIns.call(browser, "POST", "/login/hca", json.writeValueAsString(Map.of("signature",
                signed.get("signature").asString())));
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void threeWrongPinsLockTheCard() throws Exception {
        String person = fixtures.practitioner(fixtures.institution("63000"));
        var card = cards.addHca("p-" + person, "測試卡", CardType.HPC, person, "測試醫師", TestCards.State.VALID);
        agent.insertHca(card.alias());
        String tbs = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        JsonNode first = hca("Sign", Map.of("tbs", tbs, "pin", "000000"));
        assertThat(first.get("ret_code").asInt()).isEqualTo(CardAgentSimulator.WRONG_PIN);
        assertThat(first.get("tries_left").asInt()).isEqualTo(2);
        assertThat(hca("Sign", Map.of("tbs", tbs, "pin", "000001")).get("tries_left").asInt()).isEqualTo(1);
        assertThat(hca("Sign", Map.of("tbs", tbs, "pin", "000002")).get("ret_code").asInt())
                .isEqualTo(CardAgentSimulator.PIN_LOCKED);
        assertThat(hca("Sign", Map.of("tbs", tbs, "pin", TestCards.PIN)).get("ret_code").asInt())
                .as("locked even for the right PIN").isEqualTo(CardAgentSimulator.PIN_LOCKED);
        assertThat(hca("Sign", Map.of("pin", TestCards.PIN, "tbs", "")).get("ret_code").asInt())
                .isEqualTo(CardAgentSimulator.PIN_LOCKED);
    }

    @Test
    void onlyPagesFromThisComputerMayUseTheComponents() throws Exception {
        var local = hca("Echo", Map.of(), "http://localhost:8080");
        assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:8080");
        var foreign = hca("Echo", Map.of(), "https://evil.example");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThatThrownBy(() -> socket("https://evil.example")).cause()
                .isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    }

    @Test
    void theNhiCardComponentReadsAndSigns() throws Exception {
        Reply socket = socket("http://localhost:8080");
        assertThat(socket.ask("GetBasic").get("ret").asInt()).isEqualTo(CardAgentSimulator.NO_CARD);
        String person = fixtures.practitioner(fixtures.institution("63000"));
        var card = cards.addNhi(registry.practitioner(NationalId.parse(person)).orElseThrow(), "pw");
        agent.insertNhi(card.cardNumber());
        JsonNode basic = socket.ask("GetBasic");
        assertThat(basic.get("cardNumber").asString()).hasSize(12);
        assertThat(basic.get("idNumber").asString()).isEqualTo(person);
        assertThat(basic.get("birthDate").asString()).isEqualTo("0690101");
        assertThat(Base64.getDecoder().decode(socket.ask("GetRandom").get("random").asString())).hasSize(32);
        byte[] data = "challenge".getBytes(StandardCharsets.UTF_8);
        JsonNode signed = socket.ask("H_Sign:" + Base64.getEncoder().encodeToString(data));
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(card.keys().getPublic());
        verify.update(data);
        assertThat(verify.verify(Base64.getDecoder().decode(signed.get("signature").asString()))).isTrue();
        assertThat(socket.ask("Format:C").get("ret").asInt()).isEqualTo(CardAgentSimulator.BAD_REQUEST);
        socket.ws().sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    /** A WebSocket to the NHI component that waits for the answer to each command. */
    private record Reply(WebSocket ws, java.util.concurrent.BlockingQueue<String> answers, JsonMapper json) {
        JsonNode ask(String command) throws Exception {
            ws.sendText(command, true).get(5, TimeUnit.SECONDS);
            return json.readTree(answers.poll(5, TimeUnit.SECONDS));
        }
    }

    private Reply socket(String origin) throws Exception {
        var answers = new java.util.concurrent.LinkedBlockingQueue<String>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create("ws://127.0.0.1:" + agent.nhiPort() + "/echo"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answers.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return CompletableFuture.completedFuture(null);
                    }
                }).get(5, TimeUnit.SECONDS);
        return new Reply(ws, answers, json);
    }
}
