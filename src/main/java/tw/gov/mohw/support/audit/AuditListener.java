package tw.gov.mohw.support.audit;

import java.util.List;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.announcement.AnnouncementRecorded;
import tw.gov.mohw.support.report.AttachmentRecorded;
import tw.gov.mohw.support.report.NationalIdDisclosed;
import tw.gov.mohw.support.report.ReportRecorded;
import tw.gov.mohw.support.report.RuleParametersSaved;

/**
 * Records report, announcement and rule events in the audit trail, synchronously, in the transaction that raised
 * them: the entries commit or roll back with the action, with no event store in between; {@link AuditChainer}
 * chains them after commit.
 */
@Component
class AuditListener {

    private final AuditTrail trail;

    private final AuditChainer chainer;

    AuditListener(AuditTrail trail, AuditChainer chainer) {
        this.trail = trail;
        this.chainer = chainer;
    }

    private void record(List<AuditTrail.NewEntry> entries) {
        trail.record(entries);
        chainer.wakeAfterCommit();
    }

    @EventListener
    void on(ReportRecorded recorded) {
        record(recorded.transitions().stream().map(e -> new AuditTrail.NewEntry(e.at(), e.actor(),
                "report." + e.action().name().toLowerCase(Locale.ROOT), "report:" + recorded.reportId(),
                "status=" + e.status() + (recorded.caseNumber() == null ? "" : " case=" + recorded.caseNumber())
                        + (e.actingFor() == null ? "" : " actingFor=" + e.actingFor())
                        + (e.reason() == null ? "" : " reason=" + e.reason()))).toList());
    }

    @EventListener
    void on(AnnouncementRecorded e) {
        record(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "announcement." + e.action(),
                "announcement:" + e.id(), e.details())));
    }

    @EventListener
    void on(AttachmentRecorded e) {
        record(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "report.attachment." + e.action(),
                "report:" + e.reportId(), "attachment=" + e.attachmentId() + " sha256=" + e.sha256() + " name="
                        + e.fileName())));
    }

    @EventListener
    void on(RuleParametersSaved e) {
        record(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "rules.saved", "rules:" + e.version(),
                e.parameters())));
    }

    @EventListener
    void on(NationalIdDisclosed e) {
        record(List.of(new AuditTrail.NewEntry(e.at(), e.actor(), "practitioner.national-id.disclosed",
                "practitioner:" + e.practitionerId(), "report=" + e.reportId())));
    }
}
