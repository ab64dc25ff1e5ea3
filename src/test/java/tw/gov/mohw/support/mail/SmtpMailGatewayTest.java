package tw.gov.mohw.support.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The SMTP adapter against an in-process SMTP server (GreenMail): Chinese text intact, failures told apart. */
class SmtpMailGatewayTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return sender;
    }

    @Test
    void sendsUtf8PlainTextWithOurReferenceAsMessageId() throws Exception {
        var gateway = new SmtpMailGateway(sender(smtp.getSmtp().getPort()), "報備支援系統 <no-reply@support.test>",
                health());
        gateway.send("wang@example.tw", "【報備支援系統】報備支援申請已核准（案號 北市115-000001）",
                "王小明 您好：\n\n您的報備支援申請已經衛生局核准。\n", "notification-42");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("【報備支援系統】報備支援申請已核准（案號 北市115-000001）");
        assertThat(m.getContent().toString()).contains("王小明 您好", "已經衛生局核准");
        assertThat(m.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("UTF-8");
        assertThat(m.getFrom()[0].toString()).contains("no-reply@support.test");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("wang@example.tw");
        assertThat(m.getMessageID()).isEqualTo("<notification-42@support-report>");
    }

    @Test
    void anUnreachableServerIsWorthRetryingAndABadAddressIsNot() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var health = health();
        var down = new SmtpMailGateway(sender(closed), "no-reply@support.test", health);
        assertThatThrownBy(() -> down.send("wang@example.tw", "主旨", "內容", "r1"))
                .isInstanceOfSatisfying(MailException.class, e -> assertThat(e.retryable()).isTrue());
        // the server is not there: health says so, as degraded
        assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");

        var up = new SmtpMailGateway(sender(smtp.getSmtp().getPort()), "no-reply@support.test", health);
        assertThatThrownBy(() -> up.send("not an address", "主旨", "內容", "r2"))
                .isInstanceOfSatisfying(MailException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(smtp.getReceivedMessages()).isEmpty();
        // a bad address is not the server's fault; a message it takes shows it is back
        assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");
        up.send("wang@example.tw", "主旨", "內容", "r3");
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    private static MailHealthIndicator health() {
        return new MailHealthIndicator(java.time.Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
