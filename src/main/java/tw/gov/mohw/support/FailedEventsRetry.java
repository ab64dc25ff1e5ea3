package tw.gov.mohw.support;

import java.time.Duration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands an event whose listener failed (the audit trail or notifications could not write, say while the database
 * was away) to that listener again a minute later, and again every minute until it completes. Events still
 * incomplete when a node stops are republished at start ({@code republish-outstanding-events-on-restart}). Only
 * publications marked FAILED are taken, and the registry marks each one as resubmitted before handing it over, so
 * a listener still at work is never given its event twice.
 */
@Component
class FailedEventsRetry {

    private final FailedEventPublications failed;

    FailedEventsRetry(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void resubmit() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ofMinutes(1)));
    }
}
