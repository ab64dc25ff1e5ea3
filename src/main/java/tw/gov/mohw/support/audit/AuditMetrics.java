package tw.gov.mohw.support.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code support_audit_backlog}: audit entries recorded and not yet chained. Near zero normally; growing means the
 * chainer fails or lags. Not a number while the database cannot be read.
 */
@Component
class AuditMetrics implements MeterBinder {

    private final AuditTrail trail;

    AuditMetrics(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("support.audit.backlog", this, AuditMetrics::backlog)
                .description("Audit entries recorded and not yet in the hash chain").register(registry);
    }

    private double backlog() {
        try {
            return trail.backlog();
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }
}
