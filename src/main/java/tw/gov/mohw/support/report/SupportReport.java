package tw.gov.mohw.support.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Texts;
import tw.gov.mohw.support.shared.Violation;

/**
 * The support report (報備支援申請) and the only place its state changes. Each transition checks the state it
 * starts from and records actor, acting-for, reason and time; {@link SupportReports} publishes what a command
 * recorded as one {@link ReportRecorded} event.
 * Rules that need the rest of the world (registry, other reports) are checked by {@link SupportReports} before a
 * transition is asked for; what this class guards is the lifecycle itself.
 */
public class SupportReport {

    private Long id;
    private int version;
    private String caseNumber;
    private ReportStatus status;
    private final long practitionerId;
    private final InstitutionCode homeInstitution;
    private final InstitutionCode supportedInstitution;
    private String decidingBureau;
    private String informedBureau;
    private final SupportCategory category;
    private final String filedBy;
    private final String actingFor;
    private final String idempotencyKey;
    private Revision inForce;
    private Revision pending;
    private LocalDate cancelledFrom;
    private Instant queuedAt;
    private Instant submittedAt;
    private final Instant createdAt;
    private Instant updatedAt;
    private final List<Transition> history;
    private final Map<Integer, Revision> changedRevisions = new LinkedHashMap<>();
    private final List<Transition> newTransitions = new ArrayList<>();
    private Consent consent = Consent.NONE;
    private boolean consentChanged;

    private SupportReport(Long id, int version, String caseNumber, ReportStatus status, long practitionerId,
            InstitutionCode homeInstitution, InstitutionCode supportedInstitution, String decidingBureau,
            String informedBureau, SupportCategory category, String filedBy, String actingFor, String idempotencyKey,
            Revision inForce, Revision pending, LocalDate cancelledFrom, Instant queuedAt, Instant submittedAt,
            Instant createdAt, Instant updatedAt, List<Transition> history) {
        this.id = id;
        this.version = version;
        this.caseNumber = caseNumber;
        this.status = status;
        this.practitionerId = practitionerId;
        this.homeInstitution = homeInstitution;
        this.supportedInstitution = supportedInstitution;
        this.decidingBureau = decidingBureau;
        this.informedBureau = informedBureau;
        this.category = category;
        this.filedBy = filedBy;
        this.actingFor = actingFor;
        this.idempotencyKey = idempotencyKey;
        this.inForce = inForce;
        this.pending = pending;
        this.cancelledFrom = cancelledFrom;
        this.queuedAt = queuedAt;
        this.submittedAt = submittedAt;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.history = new ArrayList<>(history);
    }

    /**
     * A new draft (草稿), filed by {@code filer} for the person, possibly on behalf of their home institution, to be
     * decided by the bureaus {@link ReportPolicy#route} names.
     */
    static SupportReport draft(long practitionerId, InstitutionCode homeInstitution,
            InstitutionCode supportedInstitution, Jurisdiction bureaus, SupportCategory category,
            Particulars particulars, Actor filer, String idempotencyKey, Instant at) {
        SupportReport report = new SupportReport(null, 0, null, null, practitionerId, homeInstitution,
                supportedInstitution, bureaus.deciding(), bureaus.informed(), category, filer.account(),
                filer.institutionCode(), idempotencyKey, null, null, null, null, null, at, at, List.of());
        report.inForce = report.touch(new Revision(1, Revision.State.DRAFT, particulars, null, at));
        report.record(Action.CREATE, ReportStatus.DRAFT, report.inForce, filer, null, at);
        return report;
    }

    static SupportReport restore(Long id, int version, String caseNumber, ReportStatus status, long practitionerId,
            InstitutionCode homeInstitution, InstitutionCode supportedInstitution, String decidingBureau,
            String informedBureau, SupportCategory category, String filedBy, String actingFor, String idempotencyKey,
            Revision inForce, Revision pending, LocalDate cancelledFrom, Instant queuedAt, Instant submittedAt,
            Instant createdAt, Instant updatedAt, List<Transition> history) {
        return new SupportReport(id, version, caseNumber, status, practitionerId, homeInstitution,
                supportedInstitution, decidingBureau, informedBureau, category, filedBy, actingFor, idempotencyKey,
                inForce, pending, cancelledFrom, queuedAt, submittedAt, createdAt, updatedAt, history);
    }

    /** Sets the stored consent when a report is read back (it is not part of a report's lifecycle state). */
    void restoreConsent(Consent stored) {
        consent = stored;
    }

    // --- electronic consent ------------------------------------------------------------------------------------

    /**
     * The applicant asks the supported institution to consent, once the report is filed (a draft is the applicant's
     * alone); again after a decline; not once the institution agreed.
     */
    void requestConsent(Actor actor, Instant at) {
        requireStatus(ReportStatus.SUBMITTED, ReportStatus.RETURNED);
        if (consent.state() == Consent.State.REQUESTED || consent.state() == Consent.State.AGREED) {
            throw new DomainException(DomainException.Kind.CONFLICT,
                    Violation.of(null, "consent.already", consent.state()));
        }
        consent = new Consent(Consent.State.REQUESTED, null, null, at);
        consentChanged = true;
        record(Action.REQUEST_CONSENT, status, inForce, actor, null, at);
    }

    /** A clerk of the supported institution agrees, or declines with a reason. */
    void answerConsent(boolean agree, String reason, Actor actor, Instant at) {
        requireStatus(ReportStatus.SUBMITTED, ReportStatus.RETURNED);
        if (consent.state() != Consent.State.REQUESTED) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of(null, "consent.not.requested"));
        }
        if (!agree && Texts.isBlank(reason)) {
            throw DomainException.invalid("reason", "report.reason.required");
        }
        consent = new Consent(agree ? Consent.State.AGREED : Consent.State.DECLINED, actor.account(),
                reason == null ? null : reason.strip(), at);
        consentChanged = true;
        record(agree ? Action.AGREE_CONSENT : Action.DECLINE_CONSENT, status, inForce, actor, reason, at);
    }

    public Consent consent() {
        return consent;
    }

    boolean consentChanged() {
        return consentChanged;
    }

    // --- applicant transitions -------------------------------------------------------------------------------

    /** Edits a draft in place, or, after a return for correction, files the correction as a new revision. */
    void update(Particulars particulars, Actor actor, Instant at) {
        requireStatus(ReportStatus.DRAFT, ReportStatus.RETURNED);
        if (status == ReportStatus.DRAFT) {
            inForce = touch(new Revision(inForce.number(), Revision.State.DRAFT, particulars, null, inForce.createdAt()));
        } else {
            touch(inForce.with(Revision.State.SUPERSEDED));
            inForce = touch(new Revision(nextRevisionNumber(), Revision.State.RETURNED, particulars, null, at));
        }
        record(Action.UPDATE, null, inForce, actor, null, at);
    }

    /** 登錄: the draft goes to the bureau with its case number. */
    void submit(String caseNumber, Actor actor, Instant at) {
        requireStatus(ReportStatus.DRAFT);
        this.caseNumber = Objects.requireNonNull(caseNumber);
        inForce = touch(inForce.with(Revision.State.SUBMITTED));
        submittedAt = at;
        queuedAt = at;
        record(Action.SUBMIT, ReportStatus.SUBMITTED, inForce, actor, null, at);
    }

    /** 補正: the corrected report goes back to the bureau. */
    void resubmit(Actor actor, Instant at) {
        requireStatus(ReportStatus.RETURNED);
        inForce = touch(inForce.with(Revision.State.SUBMITTED));
        queuedAt = at;
        record(Action.RESUBMIT, ReportStatus.SUBMITTED, inForce, actor, null, at);
    }

    /** 撤回: taken back before a decision (a draft is discarded the same way; nothing is deleted). */
    void withdraw(Actor actor, String reason, Instant at) {
        requireStatus(ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED);
        inForce = touch(inForce.with(Revision.State.WITHDRAWN));
        queuedAt = null;
        record(Action.WITHDRAW, ReportStatus.WITHDRAWN, inForce, actor, reason, at);
    }

    /** 變更: asks to change an approved report; the approved version stays in force until the change is approved. */
    void requestChange(Particulars particulars, Actor actor, String reason, LocalDate today, Instant at) {
        requireStatus(ReportStatus.APPROVED);
        if (pending != null) {
            throw conflict("changeRequest", "report.change.pending");
        }
        if (hasEnded(today)) {
            throw conflict("status", "report.ended");
        }
        pending = touch(new Revision(nextRevisionNumber(), Revision.State.SUBMITTED, particulars, null, at));
        queuedAt = at;
        record(Action.REQUEST_CHANGE, null, pending, actor, requireReason(reason), at);
    }

    /** Corrects a change request the bureau returned, as a new revision. */
    void updateChange(Particulars particulars, Actor actor, Instant at) {
        requirePendingChange(Revision.State.RETURNED);
        touch(pending.with(Revision.State.SUPERSEDED));
        pending = touch(new Revision(nextRevisionNumber(), Revision.State.RETURNED, particulars, null, at));
        record(Action.UPDATE_CHANGE, null, pending, actor, null, at);
    }

    void resubmitChange(Actor actor, Instant at) {
        requirePendingChange(Revision.State.RETURNED);
        pending = touch(pending.with(Revision.State.SUBMITTED));
        queuedAt = at;
        record(Action.RESUBMIT_CHANGE, null, pending, actor, null, at);
    }

    void withdrawChange(Actor actor, String reason, Instant at) {
        requirePendingChange(Revision.State.SUBMITTED, Revision.State.RETURNED);
        Revision withdrawn = touch(pending.with(Revision.State.WITHDRAWN));
        pending = null;
        queuedAt = null;
        record(Action.WITHDRAW_CHANGE, null, withdrawn, actor, reason, at);
    }

    /**
     * 註銷: ends an approved report from {@code from}, not before today unless {@code fromThePast} (the deciding
     * bureau may, e.g. for a registration that ended). A change still waiting is withdrawn with it.
     */
    void cancel(LocalDate from, Actor actor, String reason, LocalDate today, Instant at, boolean fromThePast) {
        requireStatus(ReportStatus.APPROVED);
        requireReason(reason);
        if (from.isBefore(today) && !fromThePast) {
            throw invalid("from", "report.cancel.from.past");
        }
        Period period = inForce.particulars().period();
        if (from.isBefore(period.start()) || from.isAfter(period.end())) {
            throw invalid("from", "report.cancel.from.outside.period");
        }
        if (pending != null) {
            touch(pending.with(Revision.State.WITHDRAWN));
            pending = null;
        }
        cancelledFrom = from;
        queuedAt = null;
        record(Action.CANCEL, ReportStatus.CANCELLED, inForce, actor, reason, at);
    }

    // --- bureau decisions ------------------------------------------------------------------------------------

    /** 核准 of whatever waits: the submission, or the change request (which then comes into force). */
    void approve(Actor reviewer, String approvalNumber, Instant at) {
        requireWaiting();
        if (status == ReportStatus.SUBMITTED) {
            inForce = touch(inForce.approved(approvalNumber));
            queuedAt = null;
            record(Action.APPROVE, ReportStatus.APPROVED, inForce, reviewer, null, at);
        } else {
            requirePendingChange(Revision.State.SUBMITTED);
            touch(inForce.with(Revision.State.SUPERSEDED));
            inForce = touch(pending.approved(approvalNumber));
            pending = null;
            queuedAt = null;
            record(Action.APPROVE_CHANGE, null, inForce, reviewer, null, at);
        }
    }

    /** 退回補正: back to the applicant with what to fix. */
    void returnForCorrection(Actor reviewer, String reason, Instant at) {
        requireWaiting();
        requireReason(reason);
        if (status == ReportStatus.SUBMITTED) {
            inForce = touch(inForce.with(Revision.State.RETURNED));
            queuedAt = null;
            record(Action.RETURN, ReportStatus.RETURNED, inForce, reviewer, reason, at);
        } else {
            requirePendingChange(Revision.State.SUBMITTED);
            pending = touch(pending.with(Revision.State.RETURNED));
            queuedAt = null;
            record(Action.RETURN_CHANGE, null, pending, reviewer, reason, at);
        }
    }

    /** 駁回: refused with a reason. A refused change leaves the approved version in force. */
    void reject(Actor reviewer, String reason, Instant at) {
        requireWaiting();
        requireReason(reason);
        if (status == ReportStatus.SUBMITTED) {
            inForce = touch(inForce.with(Revision.State.REJECTED));
            queuedAt = null;
            record(Action.REJECT, ReportStatus.REJECTED, inForce, reviewer, reason, at);
        } else {
            requirePendingChange(Revision.State.SUBMITTED);
            Revision rejected = touch(pending.with(Revision.State.REJECTED));
            pending = null;
            queuedAt = null;
            record(Action.REJECT_CHANGE, null, rejected, reviewer, reason, at);
        }
    }

    // --- routing -------------------------------------------------------------------------------------------------

    /**
     * Moves a report not yet decided to the bureaus the regulation names ({@link ReportRerouting}): its case number
     * stays, what waits keeps its place in the queue, and the history says who moved it from where.
     */
    void reroute(Jurisdiction to, Actor system, String reason, Instant at) {
        requireStatus(ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED);
        decidingBureau = to.deciding();
        informedBureau = to.informed();
        record(Action.REROUTE, null, inForce, system, reason, at);
    }

    // --- guards ----------------------------------------------------------------------------------------------

    /** Something waits for a decision: a submission, or a change request. Who may decide is {@link ReportPolicy}'s. */
    private void requireWaiting() {
        if (!waitsForDecision()) {
            throw conflict("status", "report.nothing.to.decide");
        }
    }

    private boolean waitsForDecision() {
        return status == ReportStatus.SUBMITTED
                || status == ReportStatus.APPROVED && pending != null && pending.state() == Revision.State.SUBMITTED;
    }

    /** Who sent what now waits (a change request may come from someone other than the original filer). */
    private String lastActorOfWaitingFiling() {
        for (int i = history.size() - 1; i >= 0; i--) {
            Action a = history.get(i).action();
            if (a == Action.SUBMIT || a == Action.RESUBMIT || a == Action.REQUEST_CHANGE || a == Action.RESUBMIT_CHANGE) {
                return history.get(i).actor();
            }
        }
        return filedBy;
    }

    private void requireStatus(ReportStatus... allowed) {
        for (ReportStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw conflict("status", "report.transition.not.allowed", status);
    }

    private void requirePendingChange(Revision.State... allowed) {
        if (status == ReportStatus.APPROVED && pending != null) {
            for (Revision.State s : allowed) {
                if (pending.state() == s) {
                    return;
                }
            }
        }
        throw conflict("changeRequest", "report.change.not.waiting");
    }

    private static String requireReason(String reason) {
        if (Texts.isBlank(reason)) {
            throw invalid("reason", "report.reason.required");
        }
        return reason.strip();
    }

    private static DomainException conflict(String field, String key, Object... args) {
        return new DomainException(DomainException.Kind.CONFLICT, Violation.of(field, key, args));
    }

    private static DomainException invalid(String field, String key) {
        return new DomainException(DomainException.Kind.INVALID, Violation.of(field, key));
    }

    private Revision touch(Revision revision) {
        changedRevisions.put(revision.number(), revision);
        return revision;
    }

    /** Revision numbers never repeat: every revision ever made is named by a transition of the history. */
    private int nextRevisionNumber() {
        return history.stream().mapToInt(Transition::revision).max().orElse(0) + 1;
    }

    private void record(Action action, ReportStatus to, Revision revision, Actor actor, String reason, Instant at) {
        ReportStatus from = status;
        if (to != null) {
            status = to;
        }
        Transition t = new Transition(action, from, status, revision.number(), actor.account(), actor.institutionCode(),
                reason == null ? null : reason.strip(), at);
        history.add(t);
        newTransitions.add(t);
        updatedAt = at;
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** The last day the version in force binds the person: see {@link Lifecycle#effectiveEnd}. */
    public LocalDate effectiveEnd() {
        return Lifecycle.effectiveEnd(inForce.particulars().period().end(), cancelledFrom);
    }

    /** The last day the report holds any of the person's time, a waiting change included (stored for lists). */
    LocalDate holdsUntil() {
        return Lifecycle.holdsUntil(effectiveEnd(), pending == null ? null : pending.particulars().period().end());
    }

    /** 已結束: see {@link Lifecycle#ended}. Derived, never stored. */
    public boolean hasEnded(LocalDate today) {
        return Lifecycle.ended(status, pending != null, effectiveEnd(), today);
    }

    /** Whether the report holds the person's time on or after {@code day}: see {@link Lifecycle#live}. */
    boolean isLive(LocalDate day) {
        return Lifecycle.live(status, holdsUntil(), day);
    }

    Routing routing() {
        return new Routing(practitionerId, homeInstitution.value(), supportedInstitution.value(), decidingBureau,
                informedBureau, caseNumber != null, approvalNumber() != null);
    }

    /** What {@link ReportPolicy} needs to know to answer who may do what to this report today. */
    ReportPolicy.Facts facts(LocalDate today) {
        return new ReportPolicy.Facts(routing(), filedBy, lastActorOfWaitingFiling(), possibleNow(today));
    }

    /**
     * What the lifecycle allows in the report's present state, whoever asks ({@link ReportPolicy} adds who): each
     * transition method above accepts exactly these (SupportReportTest checks the two agree).
     */
    Set<ReportAction> possibleNow(LocalDate today) {
        Set<ReportAction> now = EnumSet.noneOf(ReportAction.class);
        Revision.State change = pending == null ? null : pending.state();
        switch (status) {
            case DRAFT -> now.addAll(EnumSet.of(ReportAction.EDIT, ReportAction.SUBMIT, ReportAction.WITHDRAW,
                    ReportAction.ATTACH, ReportAction.REMOVE_ATTACHMENT));
            case SUBMITTED -> now.addAll(EnumSet.of(ReportAction.WITHDRAW, ReportAction.DECIDE, ReportAction.ATTACH));
            case RETURNED -> now.addAll(EnumSet.of(ReportAction.EDIT, ReportAction.SUBMIT, ReportAction.WITHDRAW,
                    ReportAction.ATTACH, ReportAction.REMOVE_ATTACHMENT));
            case APPROVED -> {
                if (!hasEnded(today)) {
                    now.add(ReportAction.CANCEL);
                    if (change == null) {
                        now.add(ReportAction.CHANGE);
                    }
                }
                if (change == Revision.State.SUBMITTED) {
                    now.addAll(EnumSet.of(ReportAction.WITHDRAW, ReportAction.DECIDE, ReportAction.ATTACH));
                } else if (change == Revision.State.RETURNED) {
                    now.addAll(EnumSet.of(ReportAction.EDIT, ReportAction.SUBMIT, ReportAction.WITHDRAW,
                            ReportAction.ATTACH, ReportAction.REMOVE_ATTACHMENT));
                }
            }
            default -> { }
        }
        if (status == ReportStatus.SUBMITTED || status == ReportStatus.RETURNED) {
            if (consent.state() == Consent.State.NONE || consent.state() == Consent.State.DECLINED) {
                now.add(ReportAction.REQUEST_CONSENT);
            } else if (consent.state() == Consent.State.REQUESTED) {
                now.add(ReportAction.ANSWER_CONSENT);
            }
        }
        if (caseNumber != null) {
            now.add(ReportAction.DISCLOSE_PERSON);
        }
        return now;
    }

    public Long id() { return id; }
    public int version() { return version; }
    public String caseNumber() { return caseNumber; }
    public ReportStatus status() { return status; }
    public long practitionerId() { return practitionerId; }
    public InstitutionCode homeInstitution() { return homeInstitution; }
    public InstitutionCode supportedInstitution() { return supportedInstitution; }
    public String decidingBureau() { return decidingBureau; }
    /** The bureau informed (副知) of a report supporting in another county; {@code null} in the same county. */
    public String informedBureau() { return informedBureau; }
    public SupportCategory category() { return category; }
    public String filedBy() { return filedBy; }
    public String actingFor() { return actingFor; }
    public String idempotencyKey() { return idempotencyKey; }
    public Revision inForce() { return inForce; }
    public Optional<Revision> pendingChange() { return Optional.ofNullable(pending); }
    public String approvalNumber() { return inForce.approvalNumber(); }
    public LocalDate cancelledFrom() { return cancelledFrom; }
    public Instant queuedAt() { return queuedAt; }
    public Instant submittedAt() { return submittedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public List<Transition> history() { return List.copyOf(history); }

    // --- for the repository ----------------------------------------------------------------------------------

    List<Revision> changedRevisions() { return List.copyOf(changedRevisions.values()); }
    List<Transition> newTransitions() { return List.copyOf(newTransitions); }

    /** What this unit of work recorded, as other modules hear of it; clears the unit of work. */
    List<ReportTransitioned> takeEvents() {
        List<ReportTransitioned> out = newTransitions.stream().map(t -> new ReportTransitioned(t.action(), t.to(),
                t.actor(), t.actingFor(), t.reason(), t.at())).toList();
        changedRevisions.clear();
        newTransitions.clear();
        return out;
    }

    void saved(long id, int version) {
        this.id = id;
        this.version = version;
    }
}
