package tw.gov.mohw.support.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.registry.HealthBureau;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.PracticeRegistration;
import tw.gov.mohw.support.registry.Practitioner;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * The report module's front door: file, change, withdraw, cancel, decide, read. Each command runs in one
 * transaction, checks who may do it, applies the rules, lets {@link SupportReport} make the transition, stores it
 * and publishes its events. A refused command changes nothing.
 */
@Service
public class SupportReports {

    private final ReportMetrics metrics;
    private final ReportRepository reports;
    private final ReportQueries queries;
    private final NumberCounters numbers;
    private final Registry registry;
    private final RuleParameters ruleParameters;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    /** The overlap check reads all the person's live reports, whoever may see them. */
    private static final ReportPolicy.Scope ALL = new ReportPolicy.Scope(List.of("true"), Map.of());

    SupportReports(ReportRepository reports, ReportQueries queries, NumberCounters numbers, Registry registry,
            RuleParameters ruleParameters, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
            ReportMetrics metrics) {
        this.metrics = metrics;
        this.reports = reports;
        this.queries = queries;
        this.numbers = numbers;
        this.registry = registry;
        this.ruleParameters = ruleParameters;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** The result of a create: the report, and whether this call made it or an earlier one with the same key. */
    public record Created(ReportView report, boolean replayed) {
    }

    /**
     * A report as a batch row knows it: its id, case number, and whether it still stands (not withdrawn, rejected
     * or cancelled: the same row filed again is then a new report).
     */
    public record Filed(long id, String caseNumber, boolean live) {
    }

    /** Saves a new draft (草稿). With an idempotency key, repeating the call returns the first draft. */
    public Created createDraft(Actor actor, NewReport request, String idempotencyKey) {
        return create(actor, request, idempotencyKey, false);
    }

    /**
     * Files a new report and submits it (登錄) in one step. The same idempotency key from the same actor never
     * creates a second report: a retry gets the first one back.
     */
    public Created file(Actor actor, NewReport request, String idempotencyKey) {
        return create(actor, request, idempotencyKey, true);
    }

    private Created create(Actor actor, NewReport request, String idempotencyKey, boolean submit) {
        try {
            return tx.execute(status -> {
                Parties parties = parties(actor, request);
                reports.lockPractitioner(parties.person().id());
                // Under the person's lock, before any rule: a retry, even one that waited for the first request's
                // lock, gets the first report back.
                Optional<Created> first = replay(actor, request, idempotencyKey, submit);
                if (first.isPresent()) {
                    return first.get();
                }
                if (!ruleParameters.current().open(request.category())) {
                    throw new DomainException(DomainException.Kind.INVALID, Violation.of("category", "category.closed"));
                }
                SupportReport report = newDraft(actor, request, idempotencyKey, parties);
                if (submit) {
                    checkForSubmission(report, report.inForce().particulars(), null, today(), parties);
                    report.submit(drawCaseNumber(report), actor, now());
                }
                store(report);
                // a person filing for themself is the person just read: no second lookup
                ReportPolicy.Who who = parties.person().nationalId().value().equals(actor.nationalId())
                        ? new ReportPolicy.Who(actor, parties.person().id()) : who(actor);
                return new Created(view(who, report, parties), false);
            });
        } catch (DuplicateKeyException raced) {
            // Two requests with the same key for different people at once: the other one won; answer as it did.
            return replay(actor, request, idempotencyKey, submit).orElseThrow(() -> raced);
        }
    }

    /**
     * 批次報備, one row: what would refuse {@code request} if {@code actor} filed it now — exactly the checks of
     * {@link #file}: who may file for whom, the category open, every rule of {@link SubmissionRules#RULES} — with
     * nothing stored and nothing locked (filing checks again under the person's lock). {@code rows}: the other
     * filings of the same file already found ready, by their line, which hold their person's time as if filed; an
     * overlap with one of them is told by its line ({@code batch.row.overlap}). Empty when it would be filed.
     */
    public List<Violation> check(Actor actor, NewReport request, Map<Integer, NewReport> rows) {
        try {
            return tx.execute(status -> {
                Parties parties = parties(actor, request);
                if (!ruleParameters.current().open(request.category())) {
                    return List.of(Violation.of("category", "category.closed"));
                }
                SupportReport report = newDraft(actor, request, null, parties);
                List<LiveCommitment> heldByRows = new ArrayList<>();
                rows.forEach((line, row) -> {
                    if (row.practitioner().equals(request.practitioner())) {
                        // a negative id cannot be a report's: it tells the row's overlap from a report's below
                        heldByRows.add(new LiveCommitment(-line, "", ReportStatus.SUBMITTED, null, false,
                                row.particulars().period(), row.particulars().schedule()));
                    }
                });
                return violations(report, report.inForce().particulars(), null, today(), parties, heldByRows)
                        .stream().map(v -> v.messageKey().equals(CommitmentRules.OVERLAP)
                                && ((Number) v.args().get(1)).longValue() < 0
                                ? Violation.of(v.field(), "batch.row.overlap",
                                        -((Number) v.args().get(1)).longValue(), v.args().get(2), v.args().get(3))
                                : v).toList();
            });
        } catch (DomainException refused) {
            return refused.violations();
        }
    }

    /** The case number and id of what {@code actor} filed with {@code idempotencyKey}, if anything. */
    public Optional<Filed> filedWith(Actor actor, String idempotencyKey) {
        return reports.findByIdempotencyKey(actor.account(), idempotencyKey).flatMap(reports::find)
                .map(r -> new Filed(r.id(), r.caseNumber(), r.status() != ReportStatus.WITHDRAWN
                        && r.status() != ReportStatus.REJECTED && r.status() != ReportStatus.CANCELLED));
    }

    private Optional<Created> replay(Actor actor, NewReport request, String idempotencyKey, boolean submit) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return reports.findByIdempotencyKey(actor.account(), idempotencyKey).flatMap(reports::find).map(existing -> {
            Parties parties = parties(existing);
            if (!parties.person().nationalId().equals(request.practitioner())
                    || !existing.supportedInstitution().equals(request.supportedInstitution())
                    || existing.category() != request.category()
                    // the key made a draft; a filing under it would silently not be filed
                    || (submit && existing.status() == ReportStatus.DRAFT)) {
                throw new DomainException(DomainException.Kind.CONFLICT,
                        Violation.of(null, "idempotency.key.reused"));
            }
            return new Created(view(who(actor), existing, parties), true);
        });
    }

    /**
     * Who a new report concerns, read once for the whole command. Who may file is checked first, and every "no"
     * for a clerk reads the same: filing must not reveal whether a national ID belongs to a registered professional.
     */
    private Parties parties(Actor actor, NewReport request) {
        if (actor.is(Actor.Role.PRACTITIONER) && !request.practitioner().value().equals(actor.nationalId())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN,
                    Violation.of("practitioner", "report.file.only.self"));
        }
        if (!actor.is(Actor.Role.PRACTITIONER, Actor.Role.INSTITUTION)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "report.file.forbidden"));
        }
        LocalDate today = today();
        LocalDate on = later(request.particulars().period().start(), today);
        Optional<Practitioner> person = registry.practitioner(request.practitioner());
        List<PracticeRegistration> registrations = person.map(p -> registry.registrations(p.id())).orElse(List.of());
        Optional<PracticeRegistration> registration = Registry.activeOn(registrations, on)
                .or(() -> Registry.activeOn(registrations, today));
        if (actor.is(Actor.Role.INSTITUTION) && registration
                .filter(r -> r.institutionCode().value().equals(actor.institutionCode())).isEmpty()) {
            throw DomainException.invalid("practitioner", "report.file.only.staff");
        }
        if (person.isEmpty()) {
            throw DomainException.invalid("practitioner", "practitioner.not.found");
        }
        if (registration.isEmpty()) {
            throw DomainException.invalid("practitioner", "registration.not.practising");
        }
        Institution home = registry.institution(registration.get().institutionCode()).orElseThrow();
        Institution supported = registry.institution(request.supportedInstitution()).orElseThrow(
                () -> DomainException.invalid("supportedInstitution", "institution.not.found"));
        return new Parties(person.get(), () -> registrations, home, supported);
    }

    private SupportReport newDraft(Actor actor, NewReport request, String idempotencyKey, Parties parties) {
        Institution home = parties.home();
        Institution supported = parties.supported();
        if (supported.code().equals(home.code())) {
            throw DomainException.invalid("supportedInstitution", "institution.same.as.home");
        }
        requireWellFormed(request.particulars());
        return SupportReport.draft(parties.person().id(), home.code(), supported.code(),
                Jurisdiction.of(home.countyCode(), supported.countyCode()), request.category(),
                request.particulars(), actor, idempotencyKey, now());
    }

    /** Who an existing report concerns, read once for the whole command. */
    private Parties parties(SupportReport report) {
        return new Parties(registry.practitioner(report.practitionerId()).orElseThrow(),
                () -> registry.registrations(report.practitionerId()),
                registry.institution(report.homeInstitution()).orElseThrow(),
                registry.institution(report.supportedInstitution()).orElseThrow());
    }

    /**
     * The person, their registrations (newest first) and the two institutions of a report. The registrations are
     * read only when a rule needs them: reading a report or deciding it does not.
     */
    private static final class Parties {
        private final Practitioner person;
        private final Supplier<List<PracticeRegistration>> load;
        private final Institution home;
        private final Institution supported;
        private List<PracticeRegistration> registrations;

        Parties(Practitioner person, Supplier<List<PracticeRegistration>> registrations, Institution home,
                Institution supported) {
            this.person = person;
            this.load = registrations;
            this.home = home;
            this.supported = supported;
        }

        Practitioner person() {
            return person;
        }

        Institution home() {
            return home;
        }

        Institution supported() {
            return supported;
        }

        List<PracticeRegistration> registrations() {
            if (registrations == null) {
                registrations = load.get();
            }
            return registrations;
        }
    }

    /** What even a draft must be: a known department and a schedule that makes sense within its period. */
    private void requireWellFormed(Particulars particulars) {
        List<Violation> shape = new ArrayList<>(ScheduleRules.validate(particulars.period(), particulars.schedule()));
        if (registry.department(particulars.departmentCode()).isEmpty()) {
            shape.add(Violation.of("department", "department.unknown"));
        }
        if (!shape.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, shape);
        }
    }

    /**
     * Edits a draft; corrects a returned report or a returned change (each as a new revision). A returned report
     * or change still holds the person's time, so a correction must pass every rule, overlap included.
     */
    public ReportView update(Actor actor, long id, Particulars particulars) {
        return apply(actor, id, ReportAction.EDIT, (report, parties, who) -> {
            requireWellFormed(particulars);
            switch (report.status()) {
                case DRAFT -> report.update(particulars, actor, now());
                case RETURNED -> {
                    reports.lockPractitioner(report.practitionerId());
                    checkForSubmission(report, particulars, null, filedOn(report), parties);
                    report.update(particulars, actor, now());
                }
                default -> {
                    reports.lockPractitioner(report.practitionerId());
                    if (report.pendingChange().filter(c -> c.state() == Revision.State.RETURNED).isPresent()) {
                        checkForSubmission(report, particulars, report.inForce().particulars(), filedOn(report),
                                parties);
                    }
                    report.updateChange(particulars, actor, now());
                }
            }
        });
    }

    /** 登錄 of a draft, or 補正 (resubmission) of a returned report or returned change. */
    public ReportView submit(Actor actor, long id) {
        return apply(actor, id, ReportAction.SUBMIT, (report, parties, who) -> {
            reports.lockPractitioner(report.practitionerId());
            switch (report.status()) {
                case DRAFT -> {
                    checkForSubmission(report, report.inForce().particulars(), null, today(), parties);
                    report.submit(drawCaseNumber(report), actor, now());
                }
                case RETURNED -> {
                    checkForSubmission(report, report.inForce().particulars(), null, filedOn(report), parties);
                    report.resubmit(actor, now());
                }
                default -> {
                    Revision change = report.pendingChange().orElseThrow(() -> notAllowed(report));
                    checkForSubmission(report, change.particulars(), report.inForce().particulars(), filedOn(report),
                            parties);
                    report.resubmitChange(actor, now());
                }
            }
        });
    }

    /**
     * The day what now waits on the report was first filed: the submission, or the latest change request. A
     * correction after a return is judged as of that day, so the bureau's review time never makes it "late".
     */
    private static LocalDate filedOn(SupportReport report) {
        List<Transition> history = report.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            Action a = history.get(i).action();
            if (a == Action.REQUEST_CHANGE || a == Action.SUBMIT) {
                return LocalDate.ofInstant(history.get(i).at(), RocDates.ZONE);
            }
        }
        throw new IllegalStateException("report " + report.id() + " was never filed");
    }

    /** 撤回 of a report before its decision, or of a waiting change request. */
    public ReportView withdraw(Actor actor, long id, String reason) {
        return apply(actor, id, ReportAction.WITHDRAW, (report, parties, who) -> {
            if (report.status() == ReportStatus.APPROVED) {
                report.withdrawChange(actor, reason, now());
            } else {
                report.withdraw(actor, reason, now());
            }
        });
    }

    /** 變更 of an approved report: checked like a submission; the approved version stays in force meanwhile. */
    public ReportView requestChange(Actor actor, long id, Particulars particulars, String reason) {
        return apply(actor, id, ReportAction.CHANGE, (report, parties, who) -> {
            reports.lockPractitioner(report.practitionerId());
            if (report.status() == ReportStatus.APPROVED && report.pendingChange().isEmpty()) {
                requireWellFormed(particulars);
                checkForSubmission(report, particulars, report.inForce().particulars(), today(), parties);
            }
            report.requestChange(particulars, actor, reason, today(), now());
        });
    }

    /** 註銷 of an approved report from {@code from}: by the applicant, or by the deciding bureau. */
    public ReportView cancel(Actor actor, long id, LocalDate from, String reason) {
        return apply(actor, id, ReportAction.CANCEL, (report, parties, who) -> report.cancel(from, actor, reason,
                today(), now(), ReportPolicy.mayCancelFromThePast(who, report.routing())));
    }

    /** 核准, 退回補正 or 駁回 of whatever waits on the report: the submission or the change request. */
    public ReportView decide(Actor actor, long id, Decision decision, String reason) {
        return apply(actor, id, ReportAction.DECIDE, (report, parties, who) -> {
            switch (decision) {
                case APPROVE -> report.approve(actor, drawApprovalNumber(report), now());
                case RETURN -> report.returnForCorrection(actor, reason, now());
                case REJECT -> report.reject(actor, reason, now());
            }
        });
    }

    /** 電子同意: the applicant asks the supported institution to agree. */
    public ReportView requestConsent(Actor actor, long id) {
        return apply(actor, id, ReportAction.REQUEST_CONSENT,
                (report, parties, who) -> report.requestConsent(actor, now()));
    }

    /** 電子同意: a clerk of the supported institution agrees, or declines with a reason. */
    public ReportView answerConsent(Actor actor, long id, boolean agree, String reason) {
        return apply(actor, id, ReportAction.ANSWER_CONSENT,
                (report, parties, who) -> report.answerConsent(agree, reason, actor, now()));
    }

    public ReportView get(Actor actor, long id) {
        ReportPolicy.Who who = who(actor);
        SupportReport report = reports.find(id).filter(r -> ReportPolicy.maySee(who, r.routing()))
                .orElseThrow(ReportPolicy::notFound);
        return view(who, report, parties(report));
    }

    /**
     * The registry's id of the report's person, for a reader who may see the report (404 for anyone else): an
     * identifier of the person that is not their national ID, for interfaces that must name the person without
     * disclosing it (FHIR's Practitioner id).
     */
    public long practitionerId(Actor actor, long id) {
        ReportPolicy.Who who = who(actor);
        return reports.find(id).filter(r -> ReportPolicy.maySee(who, r.routing()))
                .orElseThrow(ReportPolicy::notFound).practitionerId();
    }

    /** Every revision of a report the actor may read: what was filed, each correction and each change. */
    public List<Revision> revisions(Actor actor, long id) {
        readable(actor, id);
        return reports.revisions(id);
    }

    /** The person's practice registrations (執業登記), for the staff who review or read the report; else none. */
    public List<PracticeRegistration> registrations(Actor actor, long id) {
        SupportReport report = reports.find(id).orElseThrow(ReportPolicy::notFound);
        if (!ReportPolicy.allowedActions(who(actor), report.facts(today())).contains(ReportAction.DISCLOSE_PERSON)) {
            readable(actor, id);
            return List.of();
        }
        return registry.registrations(report.practitionerId());
    }

    /** The full national ID, for staff who need it; each display is written to the audit trail. */
    public String discloseNationalId(Actor actor, long id) {
        return tx.execute(status -> {
            SupportReport report = reports.find(id).orElseThrow(ReportPolicy::notFound);
            ReportPolicy.require(who(actor), report.facts(today()), ReportAction.DISCLOSE_PERSON);
            events.publishEvent(new NationalIdDisclosed(id, report.practitionerId(), actor.account(), now()));
            return registry.practitioner(report.practitionerId()).orElseThrow().nationalId().value();
        });
    }

    public ResultPage<ReportSummary> search(Actor actor, ReportQuery query) {
        return queries.search(who(actor), query, today());
    }

    /** The id of the report with this case number, if the actor may read it (an overlap message links to it). */
    public Optional<Long> findByCaseNumber(Actor actor, String caseNumber) {
        ReportPolicy.Who who = who(actor);
        return reports.findIdByCaseNumber(caseNumber)
                .filter(id -> reports.routing(id).filter(r -> ReportPolicy.maySee(who, r)).isPresent());
    }

    /** 副知 for bureau staff: reports supporting in their county that another county's bureau decides. */
    public ResultPage<ReportSummary> informed(Actor actor, int page, int size) {
        return queries.informed(who(actor), page, Math.max(1, Math.min(size, ReportQuery.MAX_SIZE)), today());
    }

    /** What the bureau returned for correction to the actor as applicant (their own, or their staff's). */
    public List<ReportSummary> returnedForCorrection(Actor actor, int limit) {
        return queries.returnedTo(who(actor), limit, today());
    }

    /** For a clerk: filed reports naming their institution as the site, waiting for its consent. */
    public List<ReportSummary> awaitingConsent(Actor actor, int limit) {
        return queries.awaitingConsent(actor, limit, today());
    }

    /**
     * The week a report's page shows: the first, from today on, in which the report (its waiting change, else the
     * version in force) holds a slot — or the week of its first slot when none is left — with the person's other
     * commitments of that week, as far as the reader may see them.
     */
    public Week weekOfReport(Actor actor, long reportId) {
        SupportReport report = reports.find(reportId).filter(r -> ReportPolicy.maySee(who(actor), r.routing()))
                .orElseThrow(ReportPolicy::notFound);
        Particulars shown = report.pendingChange().orElse(report.inForce()).particulars();
        Period period = shown.period();
        LocalDate day = firstSlot(shown, later(period.start(), today()))
                .or(() -> firstSlot(shown, period.start())).orElse(period.start());
        return weekOfReport(actor, reportId, day);
    }

    private static Optional<LocalDate> firstSlot(Particulars p, LocalDate from) {
        if (from.isAfter(p.period().end()) || p.period().start().isAfter(p.period().end())) {
            return Optional.empty();
        }
        return Overlaps.intervals(p.period(), p.schedule(), from, p.period().end()).stream()
                .map(i -> i.start().toLocalDate()).filter(d -> !d.isBefore(from)).findFirst();
    }

    /** The week holding {@code day} of the person a report is about, for a reader of that report. */
    public Week weekOfReport(Actor actor, long reportId, LocalDate day) {
        Practitioner person = registry.practitioner(readable(actor, reportId).practitionerId())
                .orElseThrow(ReportPolicy::notFound);
        return week(actor, person.nationalId(), day);
    }

    /** The person's commitments in the week that holds {@code day}, as far as the actor may see them. */
    public Week week(Actor actor, NationalId person, LocalDate day) {
        Practitioner practitioner = registry.practitioner(person).orElseThrow(ReportPolicy::notFound);
        LocalDate monday = CommitmentRules.monday(day);
        LocalDate sunday = monday.plusDays(6);
        Optional<PracticeRegistration> registration = registry.activeRegistration(practitioner.id(), today());
        ReportPolicy.Who who = who(actor);
        List<LiveCommitment> live = reports.liveCommitments(practitioner.id(), monday.minusDays(1),
                ReportPolicy.visibleTo(who));
        if (live.isEmpty() && !ReportPolicy.mayAskForWeek(who, practitioner.id(),
                registration.map(r -> r.institutionCode().value()).orElse(null))) {
            throw ReportPolicy.notFound();
        }
        List<Week.Commitment> commitments = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (LiveCommitment c : live) {
            List<Interval> intervals = Overlaps.intervals(c.period(), c.schedule(), monday, sunday);
            if (!intervals.isEmpty()) {
                String site = c.routing().supportedInstitution();
                String name = names.computeIfAbsent(site, code -> registry.institution(new InstitutionCode(code))
                        .map(Institution::name).orElse(""));
                commitments.add(new Week.Commitment(c.reportId(), c.caseNumber(), c.status(), c.pending(), site, name,
                        intervals));
            }
        }
        Institution homeInstitution = registration.flatMap(r -> registry.institution(r.institutionCode())).orElse(null);
        return new Week(monday, practitioner.nationalId().masked(), practitioner.name(),
                homeInstitution == null ? null : homeInstitution.code().value(),
                homeInstitution == null ? null : homeInstitution.name(), commitments, conflicts(commitments));
    }

    /**
     * For {@link ReportRerouting}, inside its transaction: moves a report not yet decided from {@code from} to the
     * bureaus the regulation names, as a system action in its history. False when it was decided (or moved) since.
     */
    boolean reroute(long id, String from, Jurisdiction to) {
        SupportReport report = reports.findForUpdate(id).orElseThrow(ReportPolicy::notFound);
        boolean undecided = report.status() == ReportStatus.DRAFT || report.status() == ReportStatus.SUBMITTED
                || report.status() == ReportStatus.RETURNED;
        if (!undecided || !report.decidingBureau().equals(from)) {
            return false;
        }
        String reason = messageOfReroute(from, to);
        report.reroute(to, ReportRerouting.SYSTEM, reason, now());
        store(report);
        return true;
    }

    private String messageOfReroute(String from, Jurisdiction to) {
        String name = bureau(to.deciding()).name();
        return "依醫療機構設置標準第20條改由執業所在地之" + name + "審核"
                + (to.informed() == null ? "" : "，副知" + bureau(to.informed()).name())
                + "（原由" + bureau(from).name() + "審核）";
    }

    // --- the machinery ---------------------------------------------------------------------------------------

    private interface Change {
        void apply(SupportReport report, Parties parties, ReportPolicy.Who who);
    }

    /**
     * One command on one report, in one transaction: the report locked, the policy asked whether the actor may do
     * {@code action} to it (404 or 403 if not), then the aggregate asked for the transition (409 if the report's
     * state does not allow it), stored and published.
     */
    private ReportView apply(Actor actor, long id, ReportAction action, Change change) {
        return tx.execute(status -> {
            ReportPolicy.Who who = who(actor);
            SupportReport report = lockedFor(who, id, action);
            Parties parties = parties(report);
            change.apply(report, parties, who);
            store(report);
            return view(who, report, parties);
        });
    }

    private SupportReport lockedFor(ReportPolicy.Who who, long id, ReportAction action) {
        SupportReport report = reports.findForUpdate(id).orElseThrow(ReportPolicy::notFound);
        ReportPolicy.require(who, report.facts(today()), action);
        return report;
    }

    /**
     * Whom a report concerns, when the actor may read it (404 otherwise): the access check of what hangs off a
     * report (its revisions, attachments, the person's registrations and week), without assembling the report.
     */
    Routing readable(Actor actor, long id) {
        ReportPolicy.Who who = who(actor);
        return reports.routing(id).filter(r -> ReportPolicy.maySee(who, r)).orElseThrow(ReportPolicy::notFound);
    }

    /**
     * For {@link ReportAttachments}, inside its transaction: the report, locked, when the actor's relation to it
     * allows {@code action} (404 when they may not even read it, 403 otherwise); its state is the caller's to check.
     */
    SupportReport lockedFor(Actor actor, long id, ReportAction action) {
        return lockedFor(who(actor), id, action);
    }

    private void store(SupportReport report) {
        reports.save(report);
        events.publishEvent(new ReportRecorded(report.id(), report.caseNumber(), report.practitionerId(),
                report.filedBy(), report.supportedInstitution().value(), report.decidingBureau(),
                report.approvalNumber(), report.takeEvents(), report.homeInstitution().value()));
    }

    /**
     * Every rule of {@link SubmissionRules#RULES}, rules 4 and 5 against the person's other live reports (the caller
     * holds the person's lock). {@code filedOn} is the day "after the fact" is measured from. A refusal names every
     * field at fault; it is a conflict (409) when the only fault is another report's time, else invalid (422).
     */
    private void checkForSubmission(SupportReport report, Particulars particulars, Particulars previous,
            LocalDate filedOn, Parties parties) {
        List<Violation> violations = violations(report, particulars, previous, filedOn, parties, List.of());
        if (!violations.isEmpty()) {
            boolean onlyTime = violations.stream().allMatch(v -> v.messageKey().equals(CommitmentRules.OVERLAP));
            DomainException.Kind kind = onlyTime ? DomainException.Kind.CONFLICT : DomainException.Kind.INVALID;
            metrics.refused(kind, violations);
            throw new DomainException(kind, violations);
        }
    }

    /** What {@link #checkForSubmission} refuses, with {@code alsoHeld} counted among the person's live reports. */
    private List<Violation> violations(SupportReport report, Particulars particulars, Particulars previous,
            LocalDate filedOn, Parties parties, List<LiveCommitment> alsoHeld) {
        Period period = particulars.period();
        ReportRules rules = ruleParameters.current();
        Optional<PracticeRegistration> registration = parties.registrations().stream()
                .filter(r -> r.institutionCode().equals(report.homeInstitution()))
                .filter(r -> r.covers(period.start(), period.end())).findFirst()
                .or(() -> Registry.activeOn(parties.registrations(), later(period.start(), today()))
                        .filter(r -> r.institutionCode().equals(report.homeInstitution())));
        List<LiveCommitment> others = new ArrayList<>(reports.liveCommitments(report.practitionerId(),
                period.start().minusDays(1), ALL).stream()
                .filter(c -> report.id() == null || c.reportId() != report.id()) // its own are replaced
                .toList());
        others.addAll(alsoHeld);
        var submission = new SubmissionRules.Submission(parties.person(), registration, parties.home(),
                Optional.of(parties.supported()), report.category(), particulars, previous,
                registry.department(particulars.departmentCode()).isPresent(), filedOn, rules, others);
        return SubmissionRules.check(submission);
    }

    /** Where two different reports meet in the week (a report and its own waiting change are not a conflict). */
    private static List<Interval> conflicts(List<Week.Commitment> commitments) {
        List<Interval> out = new ArrayList<>();
        for (int a = 0; a < commitments.size(); a++) {
            for (int b = a + 1; b < commitments.size(); b++) {
                if (commitments.get(a).reportId() == commitments.get(b).reportId()) {
                    continue;
                }
                for (Interval x : commitments.get(a).intervals()) {
                    for (Interval y : commitments.get(b).intervals()) {
                        x.intersection(y).ifPresent(out::add);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Interval::start));
        return out;
    }

    private String drawCaseNumber(SupportReport report) {
        int year = RocDates.rocYear(today());
        return NumberCounters.caseNumber(bureau(report.decidingBureau()).shortName(), year,
                numbers.next(report.decidingBureau(), year, NumberCounters.Kind.CASE));
    }

    /** Drawn inside the command's transaction: if the aggregate then refuses, the number is not used up. */
    private String drawApprovalNumber(SupportReport report) {
        int year = RocDates.rocYear(today());
        return NumberCounters.approvalNumber(bureau(report.decidingBureau()).shortName(), year,
                numbers.next(report.decidingBureau(), year, NumberCounters.Kind.APPROVAL));
    }

    private HealthBureau bureau(String code) {
        return registry.bureau(code).orElseThrow();
    }

    /**
     * The actor with the registry id of the person behind it, if any: a practitioner, or a member of staff whose
     * account carries a national ID that is also a practitioner's (so they never decide their own report).
     */
    private ReportPolicy.Who who(Actor actor) {
        if (actor.nationalId() == null || !NationalId.isValid(actor.nationalId())) {
            return new ReportPolicy.Who(actor, -1);
        }
        return new ReportPolicy.Who(actor,
                registry.practitioner(new NationalId(actor.nationalId())).map(Practitioner::id).orElse(-1L));
    }

    private ReportView view(ReportPolicy.Who who, SupportReport r, Parties parties) {
        Practitioner person = parties.person();
        ReportPolicy.Facts facts = r.facts(today());
        Violation cannotDecide = ReportPolicy.whyNotDecide(who, facts);
        return new ReportView(r.id(), r.caseNumber(), r.approvalNumber(), r.status(), r.hasEnded(today()),
                new ReportView.Person(person.nationalId().masked(), person.name(), person.professionCode()),
                new ReportView.Place(r.homeInstitution().value(), parties.home().name()),
                new ReportView.Place(r.supportedInstitution().value(), parties.supported().name()),
                place(r.decidingBureau()), r.informedBureau() == null ? null : place(r.informedBureau()),
                r.category(), r.inForce(), r.pendingChange().orElse(null), r.cancelledFrom(), masked(r.filedBy()),
                r.actingFor(), r.createdAt(), r.submittedAt(), r.updatedAt(),
                r.history().stream().map(t -> new Transition(t.action(), t.from(), t.to(), t.revision(),
                        masked(t.actor()), t.actingFor(), t.reason(), t.at())).toList(), r.version(), r.consent(),
                ReportPolicy.allowedActions(who, facts), cannotDecide == null ? null : cannotDecide.messageKey());
    }

    /** A person's account names their national ID; readers of a report see it masked like everywhere else. */
    private static String masked(String account) {
        return NationalId.maskAll(account);
    }

    private ReportView.Place place(String bureau) {
        return new ReportView.Place(bureau, registry.bureau(bureau).map(HealthBureau::name).orElse(null));
    }

    private static DomainException notAllowed(SupportReport report) {
        return new DomainException(DomainException.Kind.CONFLICT,
                Violation.of("status", "report.transition.not.allowed", report.status()));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private LocalDate today() {
        return RocDates.today(clock);
    }

    private Instant now() {
        return clock.instant();
    }
}
