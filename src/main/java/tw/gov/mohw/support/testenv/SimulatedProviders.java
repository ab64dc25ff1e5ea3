package tw.gov.mohw.support.testenv;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.mail.MailHealthIndicator;
import tw.gov.mohw.support.sms.SmsHealthIndicator;

/**
 * The test environment's SMS provider and mail server ({@code support.sms.provider=simulator},
 * {@code support.mail.provider=simulator}): behind the same ports as the real adapters ({@code SmsGateway},
 * {@code MailGateway}), with outboxes a tester reads. Production refuses either ({@link ProductionGuard}).
 */
@Configuration(proxyBeanMethods = false)
class SimulatedProviders {

    @Bean
    @ConditionalOnExpression("'${support.sms.provider:}' == 'simulator' or '${support.mail.provider:}' == 'simulator'")
    SimulatedOutbox simulatedOutbox(JdbcClient jdbc, Clock clock) {
        return new SimulatedOutbox(jdbc, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "support.sms.provider", havingValue = "simulator")
    SimulatedSmsGateway simulatedSmsGateway(SimulatedOutbox outbox, SmsHealthIndicator health) {
        return new SimulatedSmsGateway(outbox, health);
    }

    @Bean
    @ConditionalOnProperty(name = "support.mail.provider", havingValue = "simulator")
    SimulatedMailGateway simulatedMailGateway(SimulatedOutbox outbox, MailHealthIndicator health) {
        return new SimulatedMailGateway(outbox, health);
    }
}
