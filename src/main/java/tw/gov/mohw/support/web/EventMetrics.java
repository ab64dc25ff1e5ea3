package tw.gov.mohw.support.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code support_events_backlog}: events published and not yet handled by every listener (Spring Modulith's event
 * publication registry: the audit trail and notifications are fed through it). Growing means a listener fails or
 * lags; not a number while the database cannot be read.
 */
@Component
class EventMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    EventMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("support.events.backlog", this, EventMetrics::backlog)
                .description("Event publications not yet completed").register(registry);
    }

    private double backlog() {
        try {
            return jdbc.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class).single();
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }
}
