package tw.gov.mohw.support.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code support.mail.*}: which gateway sends e-mail and the sender's address. The SMTP server itself is
 * {@code spring.mail.host}, {@code .port}, {@code .username} and {@code .password} (SPRING_MAIL_PASSWORD, from the
 * environment, never from the repository).
 *
 * @param provider {@code smtp} for a real server; the test environment uses its simulator; {@code none} sends nothing
 * @param from the sender, e.g. {@code 報備支援系統 <no-reply@example.gov.tw>}
 */
@ConfigurationProperties("support.mail")
record MailProperties(@DefaultValue("none") String provider,
        @DefaultValue("報備支援系統 <no-reply@support.invalid>") String from) {
}
