package tw.gov.mohw.support.report;

/**
 * What someone may do to a report. {@link ReportPolicy} says which of these an actor may do now; pages show a
 * button for each, and {@link SupportReports} refuses a command whose action the policy does not allow.
 */
public enum ReportAction {
    /** Edit a draft, or correct a returned report or a returned change (補正). */
    EDIT,
    /** 登錄 a draft, or send a correction back (補正). */
    SUBMIT,
    /** 撤回 a report before its decision (a draft is discarded), or a waiting change. */
    WITHDRAW,
    /** 變更: ask to change an approved report. */
    CHANGE,
    /** 註銷 an approved report from a date (the deciding bureau may choose a day already past). */
    CANCEL,
    /** 核准, 退回補正 or 駁回 what waits: the deciding bureau's staff, never their own filing or their own report. */
    DECIDE,
    /** Ask the supported institution for its electronic consent. */
    REQUEST_CONSENT,
    /** The supported institution's clerk agrees or declines. */
    ANSWER_CONSENT,
    /** Add an attachment: while the report can still change. */
    ATTACH,
    /** Remove an attachment: only while the report is the applicant's to edit, so what a reviewer saw stays. */
    REMOVE_ATTACHMENT,
    /** See the person's full national ID (audited) and practice registrations: staff who read the report. */
    DISCLOSE_PERSON
}
