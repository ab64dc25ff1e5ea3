package tw.gov.mohw.support.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The mail gateway {@code support.mail.provider} names. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    @ConditionalOnProperty(name = "support.mail.provider", havingValue = "smtp")
    MailGateway smtpMailGateway(JavaMailSender sender, MailProperties properties, MailHealthIndicator health) {
        return new SmtpMailGateway(sender, properties.from(), health);
    }
}
