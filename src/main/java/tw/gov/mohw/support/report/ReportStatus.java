package tw.gov.mohw.support.report;

import java.util.EnumSet;
import java.util.Set;

/** Where a report stands in its lifecycle (domain.md, "Lifecycle"). */
public enum ReportStatus {
    /** 草稿: being written; editable by the applicant; binds nobody and is not checked for overlap. */
    DRAFT,
    /** 待審: filed and waiting for the bureau; live (counts for double booking); withdrawable. */
    SUBMITTED,
    /** 退回補正: the bureau asked for a fix; editable by the applicant, then resubmitted; live. */
    RETURNED,
    /** 核准: approved and in force until its period ends; may be changed (變更) or cancelled (註銷). */
    APPROVED,
    /** 駁回: refused by the bureau; final. */
    REJECTED,
    /** 撤回: taken back by the applicant before a decision; final. */
    WITHDRAWN,
    /** 註銷: an approved report ended early, from a given date; binding before that date, final. */
    CANCELLED;

    /** The states in which a report may hold the person's time (rule 4), before its effective end. */
    public static final Set<ReportStatus> LIVE = EnumSet.of(SUBMITTED, RETURNED, APPROVED, CANCELLED);
}
