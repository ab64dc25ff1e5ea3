package tw.gov.mohw.support.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Who decides a report, who may see it and what each may do to it — the one answer, asked three ways: {@link #maySee}
 * for one report, {@link #visibleTo} as the SQL that every list, search, export and week view adds, and
 * {@link #allowedActions} for the buttons a page shows and the commands {@link SupportReports} accepts. The rules
 * and their sources are in docs/domain.md ("Routing" and "Who may see and do what").
 *
 * <ul>
 * <li><b>Routing</b> ({@link Jurisdiction}): the bureau of the home institution's county decides; the supported
 * institution's county's, when it is another, is informed (副知) and reads, never decides.</li>
 * <li><b>Seeing</b>: the person; a clerk of the home or of the supported institution; staff of the deciding or the
 * informed bureau; the ministry — once filed (a draft is its applicant's alone). Nobody else: to them the report
 * does not exist (404), so ids reveal nothing.</li>
 * <li><b>Acting</b>: the applicant side (the person, or a clerk of the home institution) files, corrects, changes,
 * withdraws, cancels, asks for consent and attaches; the supported institution's clerk answers the consent; the
 * deciding bureau's staff decide and may cancel from a past date; staff who read see the person in full.</li>
 * <li><b>Separation of duties</b>: nobody decides a report they filed or sent, or one whose subject they are; a staff
 * account without its holder's national ID decides nothing, since neither could then be checked.</li>
 * </ul>
 * What the lifecycle allows in a state ({@link SupportReport#possibleNow}) is the aggregate's; this class adds who.
 */
final class ReportPolicy {

    private ReportPolicy() {}

    /** The actor, with the registry id of the person behind it ({@code -1} when there is none). */
    record Who(Actor actor, long personId) {
    }

    /**
     * What the policy needs to know of a report.
     *
     * @param waitingFiler the account that sent what now waits (a change may come from someone other than the filer)
     * @param possibleNow what the lifecycle allows in the report's state, whoever asks
     */
    record Facts(Routing routing, String filedBy, String waitingFiler, Set<ReportAction> possibleNow) {
    }

    /** A condition on {@code support_report r}: disjoint arms, each answered by an index, OR'ed. */
    record Scope(List<String> arms, Map<String, Object> params) {

        static final Scope NOTHING = new Scope(List.of("false"), Map.of());

        String where() {
            return arms.size() == 1 ? arms.get(0)
                    : arms.stream().map(a -> "(" + a + ")").collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    // --- seeing -------------------------------------------------------------------------------------------------

    static boolean maySee(Who who, Routing r) {
        Actor actor = who.actor();
        if (!r.filed()) {
            return isApplicant(who, r);
        }
        return switch (actor.role()) {
            case PRACTITIONER -> r.practitionerId() == who.personId();
            case INSTITUTION -> r.homeInstitution().equals(actor.institutionCode())
                    || r.supportedInstitution().equals(actor.institutionCode());
            case REVIEWER, BUREAU_ADMIN -> r.decidingBureau().equals(actor.bureauCode())
                    || actor.bureauCode().equals(r.informedBureau());
            case NATIONAL_VIEWER -> true;
            case SYSTEM_ADMIN -> false;
            // 健保署: approved support, nationwide, for billing; nothing waiting, refused or withdrawn
            case INSURER -> r.approved();
        };
    }

    /** {@link #maySee} as SQL over {@code support_report r}: what every list, search, export and week view adds. */
    static Scope visibleTo(Who who) {
        Actor actor = who.actor();
        return switch (actor.role()) {
            case PRACTITIONER -> new Scope(List.of("r.practitioner_id = :scopePerson"),
                    Map.of("scopePerson", who.personId()));
            // Drafts are seen only by the home institution that writes them, not by the supported one.
            case INSTITUTION -> new Scope(List.of("(r.home_institution = :scopeInstitution"
                    + " or (r.supported_institution = :scopeInstitution and r.case_number is not null))"),
                    Map.of("scopeInstitution", actor.institutionCode()));
            // Two disjoint arms (a report's informed bureau is never its deciding one), each matching its own index
            // (V17, V18): a list reads each in order and merges them.
            case REVIEWER, BUREAU_ADMIN -> bureau(actor, DECIDED_HERE, INFORMED_HERE);
            case NATIONAL_VIEWER -> new Scope(List.of("r.case_number is not null"), Map.of());
            case SYSTEM_ADMIN -> Scope.NOTHING;
            case INSURER -> new Scope(List.of("r.approval_number is not null"), Map.of());
        };
    }

    private static final String DECIDED_HERE = "r.deciding_bureau = :scopeBureau and r.case_number is not null";
    private static final String INFORMED_HERE = "r.informed_bureau = :scopeBureau and r.case_number is not null";

    private static Scope bureau(Actor actor, String... arms) {
        return new Scope(List.of(arms), Map.of("scopeBureau", actor.bureauCode()));
    }

    /**
     * What waits for the actor: a bureau's queue is what it decides (reports it is only informed of wait for
     * someone else); anyone else's is within what they see. The caller adds "something waits".
     */
    static Scope queueOf(Who who) {
        // a queued report is always filed: the partial queue index answers this predicate on its own
        return who.actor().isBureauStaff() ? bureau(who.actor(), "r.deciding_bureau = :scopeBureau") : visibleTo(who);
    }

    /** The reports the actor may act on as the applicant (the person, or a clerk of the home institution). */
    static Scope asApplicant(Who who) {
        Actor actor = who.actor();
        return switch (actor.role()) {
            case PRACTITIONER -> new Scope(List.of("r.practitioner_id = :scopePerson"),
                    Map.of("scopePerson", who.personId()));
            case INSTITUTION -> new Scope(List.of("r.home_institution = :scopeInstitution"),
                    Map.of("scopeInstitution", actor.institutionCode()));
            default -> Scope.NOTHING;
        };
    }

    /** 副知: filed reports the actor's bureau is informed of, which another bureau decides. */
    static Scope informedOf(Who who) {
        return who.actor().isBureauStaff() ? bureau(who.actor(), INFORMED_HERE) : Scope.NOTHING;
    }

    /**
     * Statistics: a bureau counts what it decides, the ministry and system administrators the whole country (counts
     * only: a system administrator reads no report).
     */
    static Scope statisticsOf(Who who) {
        Actor actor = who.actor();
        if (actor.is(Actor.Role.NATIONAL_VIEWER, Actor.Role.SYSTEM_ADMIN)) {
            return new Scope(List.of("r.case_number is not null"), Map.of());
        }
        if (actor.isBureauStaff()) {
            return bureau(actor, DECIDED_HERE);
        }
        throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "statistics.forbidden"));
    }

    /**
     * Whether the actor may ask for a person's week at all (else 404): the person, a clerk of their home institution,
     * the ministry — or anyone who sees one of the person's live reports.
     */
    static boolean mayAskForWeek(Who who, long personId, String currentHomeInstitution) {
        Actor actor = who.actor();
        return actor.is(Actor.Role.PRACTITIONER) && who.personId() == personId
                || actor.is(Actor.Role.INSTITUTION) && actor.institutionCode().equals(currentHomeInstitution)
                || actor.is(Actor.Role.NATIONAL_VIEWER);
    }

    // --- acting -------------------------------------------------------------------------------------------------

    /** What the actor may do to the report now: what their relation to it allows and its state allows. */
    static Set<ReportAction> allowedActions(Who who, Facts facts) {
        Set<ReportAction> allowed = byRelation(who, facts);
        allowed.retainAll(facts.possibleNow());
        return allowed;
    }

    /**
     * Refuses a command the actor's relation to the report does not allow: 404 when they may not even see it, 403
     * naming why otherwise. Whether the report's state allows it is the aggregate's to say.
     */
    static void require(Who who, Facts facts, ReportAction action) {
        if (!maySee(who, facts.routing())) {
            throw notFound();
        }
        if (!byRelation(who, facts).contains(action)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, refusal(who, facts, action));
        }
    }

    /**
     * Why the actor may not decide the report, when they are of its deciding bureau but separation of duties stops
     * them — for the page to say so; {@code null} otherwise.
     */
    static Violation whyNotDecide(Who who, Facts facts) {
        if (!isDecidingBureau(who, facts.routing()) || byRelation(who, facts).contains(ReportAction.DECIDE)) {
            return null;
        }
        return refusal(who, facts, ReportAction.DECIDE);
    }

    /** The deciding bureau's staff may end an approved report from a day already past (e.g. a closed registration). */
    static boolean mayCancelFromThePast(Who who, Routing r) {
        return isDecidingBureau(who, r);
    }

    private static Set<ReportAction> byRelation(Who who, Facts facts) {
        Routing r = facts.routing();
        Set<ReportAction> out = EnumSet.noneOf(ReportAction.class);
        if (!maySee(who, r)) {
            return out;
        }
        Actor actor = who.actor();
        if (isApplicant(who, r)) {
            out.addAll(EnumSet.of(ReportAction.EDIT, ReportAction.SUBMIT, ReportAction.WITHDRAW, ReportAction.CHANGE,
                    ReportAction.CANCEL, ReportAction.REQUEST_CONSENT, ReportAction.ATTACH,
                    ReportAction.REMOVE_ATTACHMENT));
        }
        if (isDecidingBureau(who, r)) {
            out.add(ReportAction.CANCEL);
            if (separationOfDutiesHolds(who, facts)) {
                out.add(ReportAction.DECIDE);
            }
        }
        if (actor.is(Actor.Role.INSTITUTION) && r.supportedInstitution().equals(actor.institutionCode())) {
            out.add(ReportAction.ANSWER_CONSENT);
        }
        if (actor.isBureauStaff() || actor.is(Actor.Role.NATIONAL_VIEWER)) {
            out.add(ReportAction.DISCLOSE_PERSON);
        }
        return out;
    }

    /** The applicant side: the person, or a clerk of the home institution acting for them. */
    private static boolean isApplicant(Who who, Routing r) {
        Actor actor = who.actor();
        return switch (actor.role()) {
            case PRACTITIONER -> r.practitionerId() == who.personId();
            case INSTITUTION -> r.homeInstitution().equals(actor.institutionCode());
            default -> false;
        };
    }

    private static boolean isDecidingBureau(Who who, Routing r) {
        return who.actor().isBureauStaff() && r.filed() && r.decidingBureau().equals(who.actor().bureauCode());
    }

    private static boolean separationOfDutiesHolds(Who who, Facts facts) {
        Actor actor = who.actor();
        return actor.nationalId() != null
                && who.personId() != facts.routing().practitionerId()
                && !actor.account().equals(facts.filedBy())
                && !actor.account().equals(facts.waitingFiler());
    }

    private static Violation refusal(Who who, Facts facts, ReportAction action) {
        Actor actor = who.actor();
        return switch (action) {
            case DECIDE -> !actor.isBureauStaff() ? Violation.of(null, "report.action.forbidden")
                    : !isDecidingBureau(who, facts.routing()) ? Violation.of(null, "report.decide.forbidden")
                    : actor.nationalId() == null ? Violation.of(null, "report.decide.no.national.id")
                    : Violation.of(null, "report.decide.own.filing");
            case DISCLOSE_PERSON -> Violation.of(null, "report.disclose.forbidden");
            default -> Violation.of(null, "report.action.forbidden");
        };
    }

    static DomainException notFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, Violation.of(null, "report.not.found"));
    }
}
