package tw.gov.mohw.support.mail;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.shared.ProviderHealth;

/** The mail server in health ({@code /actuator/health}, component {@code mail}): UP, or DEGRADED while it fails. */
@Component
public class MailHealthIndicator extends ProviderHealth {

    MailHealthIndicator(Clock clock, MeterRegistry meters) {
        super(clock, meters, "mail");
    }

    /** Records how a send ended: the server failing degrades, a refused address or message does not. */
    public void record(MailException failure) {
        if (failure.retryable()) {
            failed(failure.getMessage());
        }
    }
}
