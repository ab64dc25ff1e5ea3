package tw.gov.mohw.support.testenv;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.websocket.server.WsSci;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.RocDates;

/**
 * TEST ENVIRONMENT ONLY: the card components a user installs on their computer, simulated with soft cards.
 *
 * <p><b>HCAServiSign-style agent</b>, HTTPS on loopback (ports 56445, 56545, 56645 by default): form-encoded POSTs
 * to {@code /Echo}, {@code /GetBasicData}, {@code /GetCertificate} and {@code /Sign}, each with one parameter
 * {@code tbsPackage} holding base64 JSON, answered with JSON carrying {@code ret_code} (0 = done). Distinct codes
 * for no card, wrong PIN (with tries left) and a PIN locked after three wrong tries, as the real component.
 *
 * <p><b>NHI card component</b>, WebSocket {@code ws://127.0.0.1:7777/echo}: text commands {@code GetBasic},
 * {@code GetRandom} and {@code H_Sign:<base64 data>}, answered with JSON carrying {@code ret}.
 *
 * <p>Which card is in each reader is chosen on the test-environment page ({@link #insertHca}, {@link #insertNhi}).
 */
public class CardAgentSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CardAgentSimulator.class);

    static final String VERSION = "1.0.23.0301 (測試環境模擬元件)";
    static final int OK = 0;
    static final int NO_CARD = 4001;
    static final int WRONG_PIN = 4002;
    static final int PIN_LOCKED = 4003;
    static final int BAD_REQUEST = 4004;
    static final int MAX_PIN_TRIES = 3;

    private final TestCards cards;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Integer> wrongPins = new ConcurrentHashMap<>();
    private final Tomcat tomcat = new Tomcat();
    private final List<Connector> hcaConnectors = new ArrayList<>();
    private Connector nhiConnector;
    private volatile String hcaInserted;
    private volatile String nhiInserted;

    public CardAgentSimulator(TestCards cards) {
        this.cards = cards;
    }

    /** Starts listening on loopback; the TLS key of the agent is kept in {@code directory}. */
    public void start(List<Integer> hcaPorts, int nhiPort, Path directory) {
        try {
            Path keystore = tlsKeystore(directory).toAbsolutePath();
            Path base = Files.createTempDirectory("card-agent");
            tomcat.setBaseDir(base.toString());
            tomcat.getService().setName("card-agent");
            tomcat.getEngine().setName("card-agent");
            for (int port : hcaPorts) {
                Connector c = new Connector("org.apache.coyote.http11.Http11NioProtocol");
                c.setPort(port);
                c.setProperty("address", "127.0.0.1");
                c.setScheme("https");
                c.setSecure(true);
                c.setProperty("SSLEnabled", "true");
                SSLHostConfig ssl = new SSLHostConfig();
                SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
                        SSLHostConfigCertificate.Type.RSA);
                certificate.setCertificateKeystoreFile(keystore.toString());
                certificate.setCertificateKeystorePassword("card-agent");
                certificate.setCertificateKeystoreType("PKCS12");
                certificate.setCertificateKeyAlias("tls");
                ssl.addCertificate(certificate);
                c.addSslHostConfig(ssl);
                tomcat.getService().addConnector(c);
                hcaConnectors.add(c);
            }
            nhiConnector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
            nhiConnector.setPort(nhiPort);
            nhiConnector.setProperty("address", "127.0.0.1");
            tomcat.getService().addConnector(nhiConnector);
            Context context = tomcat.addContext("", base.toString());
            Tomcat.addServlet(context, "hca", new HcaServlet());
            context.addServletMappingDecoded("/*", "hca");
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer((classes, servletContext) -> {
                ServerContainer container = (ServerContainer) servletContext
                        .getAttribute(ServerContainer.class.getName());
                try {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(NhiEndpoint.class, "/echo")
                            .configurator(new ServerEndpointConfig.Configurator() {
                                @Override
                                public <T> T getEndpointInstance(Class<T> type) {
                                    return type.cast(new NhiEndpoint());
                                }

                                @Override
                                public boolean checkOrigin(String origin) {
                                    return loopback(origin);
                                }

                                @Override
                                public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                        HandshakeResponse response) {
                                }
                            }).build());
                } catch (jakarta.websocket.DeploymentException e) {
                    throw new IllegalStateException(e);
                }
            }, null);
            tomcat.start();
            log.info("Simulated card agent: HCAServiSign on https://127.0.0.1:{}, NHI card on ws://127.0.0.1:{}/echo",
                    hcaPorts(), nhiPort());
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | LifecycleException e) {
            throw new IllegalStateException("could not start the simulated card agent", e);
        }
    }

    /** Whether it listens ({@code support.test-environment.agent}; off where the real component runs). */
    public boolean running() {
        return nhiConnector != null;
    }

    /** The ports it listens on; none when it does not. */
    public List<Integer> hcaPorts() {
        return hcaConnectors.stream().map(Connector::getLocalPort).toList();
    }

    /** The NHI card component's port, or -1 when it does not listen. */
    public int nhiPort() {
        return nhiConnector == null ? -1 : nhiConnector.getLocalPort();
    }

    /** Puts an HCA test card in the reader ({@code null} takes it out). */
    public void insertHca(String alias) {
        hcaInserted = alias;
    }

    public void insertNhi(String cardNumber) {
        nhiInserted = cardNumber;
    }

    public String hcaInserted() {
        return hcaInserted;
    }

    public String nhiInserted() {
        return nhiInserted;
    }

    /** Whether the card's PIN is locked (by three wrong PINs, or from the start). */
    public boolean pinLocked(TestCards.HcaCard card) {
        return card.state() == TestCards.State.PIN_LOCKED || wrongPins.getOrDefault(card.alias(), 0) >= MAX_PIN_TRIES;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            log.warn("stopping the simulated card agent: {}", e.toString());
        }
    }

    /** The answer to one HCAServiSign call. */
    Map<String, Object> hca(String function, JsonNode request) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (function.equals("Echo")) {
            out.put("ret_code", OK);
            out.put("version", VERSION);
            return out;
        }
        TestCards.HcaCard card = hcaInserted == null ? null : cards.hcaCard(hcaInserted).orElse(null);
        if (card == null) {
            return error(NO_CARD, "讀卡機內沒有卡片");
        }
        switch (function) {
            case "GetBasicData" -> {
                out.put("ret_code", OK);
                out.put("card_type", card.card().type() == CardType.HOP ? 0 : 1);
                if (card.card().type() == CardType.HOP) {
                    out.put("hosp_id", card.card().holderId());
                    out.put("hosp_name", card.card().holderName());
                } else {
                    out.put("id_no", card.card().holderId());
                    out.put("name", card.card().holderName());
                }
                out.put("card_valid_to", RocDates.formatCompact(LocalDate.ofInstant(
                        card.card().certificate().getNotAfter().toInstant(), RocDates.ZONE)));
                out.put("cert_serial", card.card().certificate().getSerialNumber().toString(16));
            }
            case "GetCertificate" -> {
                out.put("ret_code", OK);
                out.put("certificate", base64(encoded(card.card().certificate())));
            }
            case "Sign" -> {
                if (pinLocked(card)) {
                    return error(PIN_LOCKED, "PIN 碼已鎖定，請洽發卡單位解鎖");
                }
                String pin = request.path("pin").asString("");
                byte[] tbs;
                try {
                    tbs = Base64.getDecoder().decode(request.path("tbs").asString(""));
                } catch (IllegalArgumentException e) {
                    return error(BAD_REQUEST, "tbs 不是 base64");
                }
                if (tbs.length == 0 || tbs.length > 4096) {
                    return error(BAD_REQUEST, "沒有要簽章的資料");
                }
                if (!pin.equals(card.pin())) {
                    int wrong = wrongPins.merge(card.alias(), 1, Integer::sum);
                    if (wrong >= MAX_PIN_TRIES) {
                        return error(PIN_LOCKED, "PIN 碼已鎖定，請洽發卡單位解鎖");
                    }
                    Map<String, Object> e = error(WRONG_PIN, "PIN 碼錯誤");
                    e.put("tries_left", MAX_PIN_TRIES - wrong);
                    return e;
                }
                wrongPins.remove(card.alias());
                out.put("ret_code", OK);
                out.put("signature", base64(card.card().sign(tbs)));
            }
            default -> {
                return error(BAD_REQUEST, "不支援的功能");
            }
        }
        return out;
    }

    /** The answer to one NHI card command. */
    Map<String, Object> nhi(String command) {
        TestCards.NhiCard card = cards.nhiCard(nhiInserted).orElse(null);
        if (card == null) {
            return Map.of("ret", NO_CARD, "message", "讀卡機內沒有健保卡");
        }
        if (command.equals("GetBasic")) {
            Map<String, Object> out = new LinkedHashMap<>(card.basicData());
            out.put("ret", OK);
            return out;
        }
        if (command.equals("GetRandom")) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return Map.of("ret", OK, "random", base64(bytes));
        }
        if (command.startsWith("H_Sign:")) {
            try {
                byte[] data = Base64.getDecoder().decode(command.substring("H_Sign:".length()));
                if (data.length == 0 || data.length > 4096) {
                    return Map.of("ret", BAD_REQUEST, "message", "沒有要簽章的資料");
                }
                return Map.of("ret", OK, "signature", base64(card.sign(data)));
            } catch (IllegalArgumentException e) {
                return Map.of("ret", BAD_REQUEST, "message", "資料不是 base64");
            }
        }
        return Map.of("ret", BAD_REQUEST, "message", "不支援的指令");
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ret_code", code);
        out.put("message", message);
        return out;
    }

    /** Only pages served from this computer may talk to the card components. */
    static boolean loopback(String origin) {
        return origin != null && origin.matches("https?://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d{1,5})?");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate for localhost and 127.0.0.1, as the real component installs its own. */
    private static Path tlsKeystore(Path directory) throws IOException, GeneralSecurityException,
            org.bouncycastle.operator.OperatorCreationException {
        Path file = directory.resolve("card-agent-tls.p12");
        if (Files.exists(file)) {
            return file;
        }
        KeyPair keys = tw.gov.mohw.support.testenv.TestHca.rsaKeys();
        X500Name name = new X500Name("CN=localhost, O=測試環境 card agent");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(63, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))), name,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", keys.getPrivate(), "card-agent".toCharArray(), new X509Certificate[] {certificate});
        Files.createDirectories(directory);
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "card-agent".toCharArray());
        }
        return file;
    }

    /** HCAServiSign over HTTPS. */
    private final class HcaServlet extends HttpServlet {

        @Override
        protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
            cors(request, response);
            response.setHeader("Access-Control-Allow-Methods", "POST, GET");
            response.setHeader("Access-Control-Allow-Headers", "Content-Type");
            response.setStatus(204);
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"zh-Hant-TW\"><title>HCAServiSign</title>"
                    + "<p>HCAServiSign 模擬元件運作中（測試環境）。版本 " + VERSION + "</p></html>");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            cors(request, response);
            String function = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
            Map<String, Object> answer;
            try {
                String tbs = request.getParameter("tbsPackage");
                JsonNode body = tbs == null || tbs.isEmpty() ? json.createObjectNode()
                        : json.readTree(new String(Base64.getDecoder().decode(tbs), StandardCharsets.UTF_8));
                answer = hca(function, body);
            } catch (RuntimeException e) {
                answer = error(BAD_REQUEST, "tbsPackage 格式錯誤");
            }
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(json.writeValueAsString(answer));
        }

        private void cors(HttpServletRequest request, HttpServletResponse response) {
            String origin = request.getHeader("Origin");
            if (loopback(origin)) {
                response.setHeader("Access-Control-Allow-Origin", origin);
                response.setHeader("Vary", "Origin");
            }
        }
    }

    /** The NHI card component's WebSocket. */
    public final class NhiEndpoint extends Endpoint {

        @Override
        public void onOpen(jakarta.websocket.Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(16 * 1024);
            session.addMessageHandler(new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String command) {
                    try {
                        session.getBasicRemote().sendText(json.writeValueAsString(nhi(command.strip())));
                    } catch (IOException e) {
                        try {
                            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "io"));
                        } catch (IOException ignored) {
                            // already gone
                        }
                    }
                }
            });
        }
    }

}
