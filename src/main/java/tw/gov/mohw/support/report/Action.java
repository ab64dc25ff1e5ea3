package tw.gov.mohw.support.report;

/** What happened to a report: one entry of its history, and the event other modules hear about. */
public enum Action {
    CREATE, UPDATE, SUBMIT, RESUBMIT, WITHDRAW,
    APPROVE, RETURN, REJECT,
    REQUEST_CHANGE, UPDATE_CHANGE, RESUBMIT_CHANGE, WITHDRAW_CHANGE, APPROVE_CHANGE, RETURN_CHANGE, REJECT_CHANGE,
    CANCEL,
    /** The applicant asks the supported institution for its electronic consent; the institution answers. */
    REQUEST_CONSENT, AGREE_CONSENT, DECLINE_CONSENT,
    /** Moved to the bureaus the regulation names, by the system (a report filed before routing followed it). */
    REROUTE
}
