package tw.gov.mohw.support.shared;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * How an outside provider (the SMS provider, the mail server) has been answering, from what its adapter saw:
 * {@code DEGRADED} while its last sends failed on its side (unreachable, timed out, our account refused), {@code UP}
 * otherwise. Never DOWN: a slow provider must not take a node out of the load balancer — messages wait in the
 * notification queue and are retried, and nothing else needs it. Refusals of the message itself (a number that is
 * not a mobile) say nothing about the provider and are not counted.
 */
public class ProviderHealth implements HealthIndicator {

    /** Served with 200, ordered between DOWN and UP ({@code management.endpoint.health.status.order}). */
    public static final Status DEGRADED = new Status("DEGRADED");

    private final Clock clock;
    private final io.micrometer.core.instrument.Counter failures;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastReason;
    private int failuresInARow;

    /** {@code provider} names it in {@code support_provider_failures_total{provider}}. */
    protected ProviderHealth(Clock clock, io.micrometer.core.instrument.MeterRegistry meters, String provider) {
        this.clock = clock;
        this.failures = io.micrometer.core.instrument.Counter.builder("support.provider.failures")
                .description("Sends that failed on the provider's side").tag("provider", provider).register(meters);
    }

    public synchronized void succeeded() {
        lastSuccess = clock.instant();
        failuresInARow = 0;
    }

    public synchronized void failed(String reason) {
        failures.increment();
        lastFailure = clock.instant();
        lastReason = reason;
        failuresInARow++;
    }

    @Override
    public synchronized Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (lastSuccess != null) {
            details.put("lastSuccess", lastSuccess.toString());
        }
        if (lastFailure != null) {
            details.put("lastFailure", lastFailure.toString());
            details.put("lastFailureReason", lastReason);
        }
        details.put("failuresInARow", failuresInARow);
        return Health.status(failuresInARow > 0 ? DEGRADED : Status.UP).withDetails(details).build();
    }
}
