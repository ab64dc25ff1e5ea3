package tw.gov.mohw.support.testenv;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The test environment's SMS provider and mail server ({@code support.sms.provider=simulator},
 * {@code support.mail.provider=simulator}): behind the same ports as the real adapters ({@code SmsGateway},
 * {@code MailGateway}), with outboxes a tester reads. Production refuses either ({@link ProductionGuard}).
 */
@Configuration(proxyBeanMethods = false)
class SimulatedProviders {

    @Bean
    @ConditionalOnProperty(name = "support.sms.provider", havingValue = "simulator")
    SimulatedSmsGateway simulatedSmsGateway(Clock clock) {
        return new SimulatedSmsGateway(clock);
    }

    @Bean
    @ConditionalOnProperty(name = "support.mail.provider", havingValue = "simulator")
    SimulatedMailGateway simulatedMailGateway(Clock clock) {
        return new SimulatedMailGateway(clock);
    }
}
