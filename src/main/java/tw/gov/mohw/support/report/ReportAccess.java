package tw.gov.mohw.support.report;

import tw.gov.mohw.support.shared.Actor;

/**
 * Who may see and act on a report (domain.md, "Which bureau reviews"): the person; their home institution and the
 * supported institution; the bureau that decides and the home county's bureau (副知); the ministry — once it has
 * been filed: a draft is the applicant's alone. Nobody else, and to them the report does not exist (404, not 403),
 * so ids reveal nothing.
 */
final class ReportAccess {

    private ReportAccess() {}

    static boolean canRead(Actor actor, Routing report, long actorPractitionerId) {
        if (!report.filed()) {
            return canApply(actor, report, actorPractitionerId);
        }
        return switch (actor.role()) {
            case PRACTITIONER -> report.practitionerId() == actorPractitionerId;
            case INSTITUTION -> report.homeInstitution().equals(actor.institutionCode())
                    || report.supportedInstitution().equals(actor.institutionCode());
            case REVIEWER, BUREAU_ADMIN -> report.decidingBureau().equals(actor.bureauCode())
                    || report.homeBureau().equals(actor.bureauCode());
            case NATIONAL_VIEWER -> true;
            case SYSTEM_ADMIN -> false;
        };
    }

    /** The applicant side: the person, or a clerk of their home institution acting for them. */
    static boolean canApply(Actor actor, Routing report, long actorPractitionerId) {
        return switch (actor.role()) {
            case PRACTITIONER -> report.practitionerId() == actorPractitionerId;
            case INSTITUTION -> report.homeInstitution().equals(actor.institutionCode());
            default -> false;
        };
    }

    /** The deciding bureau's staff, who may also cancel an approved report (e.g. from a past date). */
    static boolean isDecidingBureau(Actor actor, Routing report) {
        return actor.isBureauStaff() && report.decidingBureau().equals(actor.bureauCode());
    }
}
