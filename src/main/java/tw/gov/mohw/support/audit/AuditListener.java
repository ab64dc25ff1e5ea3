package tw.gov.mohw.support.audit;

import java.util.List;
import java.util.Locale;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.announcement.AnnouncementRecorded;
import tw.gov.mohw.support.report.AttachmentRecorded;
import tw.gov.mohw.support.report.NationalIdDisclosed;
import tw.gov.mohw.support.report.ReportRecorded;
import tw.gov.mohw.support.report.RuleParametersSaved;

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
    void on(ReportRecorded recorded) {
        trail.append(recorded.transitions().stream().map(e -> new AuditTrail.NewEntry(e.at(), e.actor(),
                "report." + e.action().name().toLowerCase(Locale.ROOT), "report:" + recorded.reportId(),
                "status=" + e.status() + (recorded.caseNumber() == null ? "" : " case=" + recorded.caseNumber())
                        + (e.actingFor() == null ? "" : " actingFor=" + e.actingFor())
                        + (e.reason() == null ? "" : " reason=" + e.reason()))).toList());
    }

    @ApplicationModuleListener
    void on(AnnouncementRecorded e) {
        trail.append(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "announcement." + e.action(),
                "announcement:" + e.id(), e.details())));
    }

    @ApplicationModuleListener
    void on(AttachmentRecorded e) {
        trail.append(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "report.attachment." + e.action(),
                "report:" + e.reportId(), "attachment=" + e.attachmentId() + " sha256=" + e.sha256() + " name="
                        + e.fileName())));
    }

    @ApplicationModuleListener
    void on(RuleParametersSaved e) {
        trail.append(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "rules.saved", "rules:" + e.version(),
                e.parameters())));
    }

    @ApplicationModuleListener
    void on(NationalIdDisclosed e) {
        trail.append(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "practitioner.national-id.disclosed",
                "practitioner:" + e.practitionerId(), "report=" + e.reportId())));
    }
}
