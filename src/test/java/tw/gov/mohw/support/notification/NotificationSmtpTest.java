package tw.gov.mohw.support.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * The whole way with the real SMTP adapter: a reviewer's decision, the event registry, the listener, the sender,
 * Spring's JavaMailSender, an SMTP server (GreenMail, in process) and the message as it arrives.
 */
@IntegrationTest
class NotificationSmtpTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false); // started before the application context reads its port

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("support.mail.provider", () -> "smtp");
        registry.add("support.mail.from", () -> "報備支援系統 <no-reply@support.test>");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired NotificationContacts contacts;

    @Test
    void aCancellationArrivesAsChineseMail() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        contacts.save("practitioner:" + person, new NotificationContacts.Contact(null, "person@example.tw"));
        var start = fixtures.today().plusDays(10);
        var filed = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person,
                fixtures.institution("63000"), start.toString(), start.plusMonths(1).toString(), "MONDAY", "09:00",
                "12:00"), Map.of("Idempotency-Key", "smtp-" + System.nanoTime()));
        long id = filed.body().get("id").asLong();
        assertThat(api.post("reviewer:63000:sam", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE")).status()).isEqualTo(200);
        assertThat(api.post("practitioner:" + person, "/api/v1/reports/" + id + "/cancel",
                Map.of("from", start.plusDays(7).toString(), "reason", "離職")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 2);
        MimeMessage cancelled = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains("已註銷")).findFirst().orElseThrow();
        assertThat(cancelled.getAllRecipients()[0].toString()).isEqualTo("person@example.tw");
        assertThat(cancelled.getSubject()).startsWith("【報備支援系統】報備支援已註銷（案號 " + filed.text("/caseNumber"));
        assertThat(cancelled.getContent().toString()).contains("您的報備支援已註銷", "註銷原因：離職",
                "/reports/" + id);
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
