package tw.gov.mohw.support.report;

import java.time.Instant;

/**
 * One version of a report's particulars. Revision 1 is what was filed; a correction after a return or a change
 * request adds a revision, and the earlier ones are kept with the state they ended in.
 *
 * @param approvalNumber the 核准文號 given when this revision was approved, else {@code null}
 */
public record Revision(int number, State state, Particulars particulars, String approvalNumber, Instant createdAt) {

    Revision with(State newState) {
        return new Revision(number, newState, particulars, approvalNumber, createdAt);
    }

    Revision approved(String number) {
        return new Revision(this.number, State.APPROVED, particulars, number, createdAt);
    }

    public enum State { DRAFT, SUBMITTED, RETURNED, APPROVED, REJECTED, WITHDRAWN, SUPERSEDED }
}
