package tw.gov.mohw.support.announcement;

import java.time.Instant;

/** An announcement was published or withdrawn; the audit trail records it. */
public record AnnouncementRecorded(long id, String action, String actor, Instant at, String details) {
}
