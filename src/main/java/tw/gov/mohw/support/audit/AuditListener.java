package tw.gov.mohw.support.audit;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.report.NationalIdDisclosed;
import tw.gov.mohw.support.report.ReportTransitioned;

/**
 * Writes report events to the audit trail. The events come through the event publication registry: stored with
 * the transaction that raised them and retried until written, so a crash after commit loses no entry.
 */
@Component
class AuditListener {

    private final AuditTrail trail;

    AuditListener(AuditTrail trail) {
        this.trail = trail;
    }

    @ApplicationModuleListener
    void on(ReportTransitioned e) {
        String details = "status=" + e.status() + (e.caseNumber() == null ? "" : " case=" + e.caseNumber())
                + (e.actingFor() == null ? "" : " actingFor=" + e.actingFor())
                + (e.reason() == null ? "" : " reason=" + e.reason());
        trail.append(e.at(), e.actor(), "report." + e.action().name().toLowerCase(java.util.Locale.ROOT),
                "report:" + e.reportId(), details);
    }

    @ApplicationModuleListener
    void on(NationalIdDisclosed e) {
        trail.append(e.at(), e.actor(), "practitioner.national-id.disclosed", "practitioner:" + e.practitionerId(),
                "report=" + e.reportId());
    }
}
