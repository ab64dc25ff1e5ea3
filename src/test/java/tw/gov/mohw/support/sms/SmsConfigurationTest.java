package tw.gov.mohw.support.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which gateway exists is configuration, never code. */
class SmsConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SmsConfiguration.class, Properties.class, SmsHealthIndicator.class)
            .withBean(java.time.Clock.class, java.time.Clock::systemUTC)
            .withBean(io.micrometer.core.instrument.MeterRegistry.class,
                    io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);

    @EnableConfigurationProperties(SmsProperties.class)
    static class Properties {
    }

    @Test
    void theHttpProviderIsUsedWhenConfigured() {
        context.withPropertyValues("support.sms.provider=http", "support.sms.http.url=http://127.0.0.1:9/send",
                "support.sms.http.account=mohw", "support.sms.http.password=pw", "support.sms.http.read-timeout=3s")
                .run(c -> assertThat(c).hasSingleBean(SmsGateway.class).getBean(SmsGateway.class)
                        .isInstanceOf(HttpSmsGateway.class));
    }

    @Test
    void withoutAProviderNothingIsSent() {
        context.run(c -> assertThat(c).doesNotHaveBean(SmsGateway.class));
    }

    @Test
    void anIncompleteProviderRefusesToStart() {
        context.withPropertyValues("support.sms.provider=http", "support.sms.http.url=http://127.0.0.1:9/send")
                .run(c -> assertThat(c).hasFailed());
    }
}
