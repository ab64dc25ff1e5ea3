package tw.gov.mohw.support.report;

import java.time.Instant;

/** A member of staff was shown a person's full national ID: the audit trail records every such display. */
public record NationalIdDisclosed(long reportId, long practitionerId, String actor, Instant at) {
}
