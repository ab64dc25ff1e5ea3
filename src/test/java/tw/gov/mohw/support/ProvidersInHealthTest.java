package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.mail.MailException;
import tw.gov.mohw.support.sms.SmsException;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;
import tw.gov.mohw.support.testenv.SimulatedMailGateway;
import tw.gov.mohw.support.testenv.SimulatedSmsGateway;

/**
 * The SMS provider and the mail server in health: DEGRADED while they fail, never DOWN, and the node stays ready —
 * one slow provider must not take every node out of the load balancer.
 */
@IntegrationTest
class ProvidersInHealthTest {

    @Autowired SimulatedSmsGateway sms;
    @Autowired SimulatedMailGateway mail;
    @Autowired SignIns signIns;
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode health() throws Exception {
        var answer = get("/actuator/health");
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    @Test
    void aFailingProviderIsDegradedTheNodeStaysReadyAndItComesBackByItself() throws Exception {
        sms.send("0911111111", "測試", null);
        mail.send("ok@example.tw", "測試", "測試", null);
        assertThat(health().get("status").asString()).isEqualTo("UP");

        // a message refused for itself says nothing about the provider
        assertThatThrownBy(() -> sms.send("12345", "測試", null)).isInstanceOf(SmsException.class);
        assertThat(health().at("/components/sms/status").asString()).isEqualTo("UP");

        // the carrier does not answer, the mail server does not either (the simulators' failing addresses)
        assertThatThrownBy(() -> sms.send("0911110000", "測試", null)).isInstanceOf(SmsException.class);
        assertThatThrownBy(() -> mail.send("x@unreachable.invalid", "測試", "測試", null))
                .isInstanceOf(MailException.class);
        JsonNode degraded = health();
        assertThat(degraded.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(degraded.at("/components/sms/status").asString()).isEqualTo("DEGRADED");
        assertThat(degraded.at("/components/mail/status").asString()).isEqualTo("DEGRADED");
        assertThat(degraded.at("/components/db/status").asString()).isEqualTo("UP");
        var ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ready.body()).get("status").asString()).isEqualTo("UP");

        // they answer again
        sms.send("0911111111", "測試", null);
        mail.send("ok@example.tw", "測試", "測試", null);
        assertThat(health().get("status").asString()).isEqualTo("UP");
    }
}
