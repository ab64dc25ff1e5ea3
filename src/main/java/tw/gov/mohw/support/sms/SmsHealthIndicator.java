package tw.gov.mohw.support.sms;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.shared.ProviderHealth;

/** The SMS provider in health ({@code /actuator/health}, component {@code sms}): UP, or DEGRADED while it fails. */
@Component
public class SmsHealthIndicator extends ProviderHealth {

    SmsHealthIndicator(Clock clock, MeterRegistry meters) {
        super(clock, meters, "sms");
    }

    /** Records how a send ended: a failure on the provider's side degrades, a refusal of the message does not. */
    public void record(SmsException failure) {
        switch (failure.reason()) {
            case UNAVAILABLE, TIMEOUT, ACCOUNT -> failed(failure.reason() + ": " + failure.getMessage());
            default -> { }
        }
    }
}
