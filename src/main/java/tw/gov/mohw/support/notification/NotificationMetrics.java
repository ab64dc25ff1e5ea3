package tw.gov.mohw.support.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notification queue for the operators' Prometheus, read from the table when scraped (every node sees the same
 * queue): {@code support_notifications_backlog} — messages waiting to be sent — and
 * {@code support_notifications_oldest_age_seconds} — how long the oldest of them has waited (0 when none). Not a
 * number while the database cannot be read.
 */
@Component
class NotificationMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    NotificationMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("support.notifications.backlog", this, m -> m.read(
                        "select count(*) from notification where status = 'PENDING'"))
                .description("Notifications waiting to be sent").register(registry);
        Gauge.builder("support.notifications.oldest.age", this, m -> m.read("""
                        select coalesce(extract(epoch from now() - min(created_at)), 0) from notification
                         where status = 'PENDING'"""))
                .baseUnit("seconds").description("How long the oldest waiting notification has waited")
                .register(registry);
    }

    private double read(String sql) {
        try {
            return jdbc.sql(sql).query(Number.class).single().doubleValue();
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }
}
