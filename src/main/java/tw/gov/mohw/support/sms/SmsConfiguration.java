package tw.gov.mohw.support.sms;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real SMS adapter, when {@code support.sms.provider=http}. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "support.sms.provider", havingValue = "http")
    SmsGateway httpSmsGateway(SmsProperties properties, SmsHealthIndicator health) {
        return new HttpSmsGateway(properties.http(), health);
    }
}
