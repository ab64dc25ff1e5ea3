package tw.gov.mohw.support.report;

import java.time.Instant;

/** A system administrator saved a new version of the rule parameters; the audit trail records it with its content. */
public record RuleParametersSaved(int version, String actor, Instant at, String parameters) {
}
