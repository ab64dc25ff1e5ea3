package tw.gov.mohw.support.report;

import java.time.Instant;

/** An attachment was added to or removed from a report; the audit trail records it with the file's SHA-256. */
public record AttachmentRecorded(long reportId, long attachmentId, String action, String actor, Instant at,
        String fileName, String sha256) {
}
