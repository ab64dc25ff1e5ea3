package tw.gov.mohw.support.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * What happens to reports, counted for the operators' Prometheus ({@code /actuator/prometheus}):
 * {@code support_reports_transitions_total{action, bureau}} — every committed transition (SUBMIT, RESUBMIT,
 * APPROVE, RETURN, REJECT, CANCEL…) by the deciding bureau — and {@code support_submissions_refused_total{kind, rule}}
 * — filings the rules refused, by the first rule broken.
 */
@Component
class ReportMetrics {

    private final MeterRegistry registry;

    ReportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counted after the commit (a transition rolled back never happened), through a plain transaction
     * synchronization: nothing is written to count it.
     */
    @EventListener
    void on(ReportRecorded recorded) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count(recorded);
                }
            });
        } else {
            count(recorded);
        }
    }

    private void count(ReportRecorded recorded) {
        for (ReportTransitioned t : recorded.transitions()) {
            Counter.builder("support.reports.transitions").description("Report transitions, committed")
                    .tag("action", t.action().name()).tag("bureau", String.valueOf(recorded.decidingBureau()))
                    .register(registry).increment();
        }
    }

    void refused(DomainException.Kind kind, List<Violation> violations) {
        Counter.builder("support.submissions.refused").description("Filings refused by the submission rules")
                .tag("kind", kind.name())
                .tag("rule", violations.isEmpty() ? "none" : violations.get(0).messageKey())
                .register(registry).increment();
    }
}
