package tw.gov.mohw.support.report;

import java.time.Instant;

/**
 * The supported institution's electronic consent (電子同意) to a report: asked for by the applicant, answered by a
 * clerk of the supported institution.
 *
 * @param by the clerk's account that answered, {@code reason} why a decline was given
 */
public record Consent(State state, String by, String reason, Instant at) {

    public static final Consent NONE = new Consent(State.NONE, null, null, null);

    public enum State {
        /** Not asked for (an attachment may stand in for it). */
        NONE,
        /** Waiting for the supported institution. */
        REQUESTED,
        /** 同意. */
        AGREED,
        /** 不同意, with a reason. */
        DECLINED
    }
}
