package tw.gov.mohw.support.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.PracticeRegistration;
import tw.gov.mohw.support.registry.Practitioner;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.shared.Texts;

/**
 * Every rule checked on submission, correction and change (docs/domain.md, "Rules"): which rules apply is answered
 * by reading {@link #RULES}. Rules 2 and 3 are here; rules 4 (no double booking) and 5 (weekly hours per person),
 * which look at the person's other live reports, are in {@link CommitmentRules}. Rule 1 (valid IDs) holds by
 * construction of the value types ({@code NationalId}, {@code InstitutionCode}) before a submission exists; rule 6
 * (Asia/Taipei dates) is how {@code filedOn} and "today" are computed.
 */
final class SubmissionRules {

    /**
     * What a rule looks at. {@code previous} is the version in force when this is a change request.
     * {@code filedOn} is the day the filing was first made: today for a new one, the original day when a report or
     * change returned for correction is sent again (the bureau's review time must not make it "late").
     * {@code others}: what the person's other live reports hold from the new period on.
     */
    record Submission(Practitioner practitioner, Optional<PracticeRegistration> registration,
            Institution home, Optional<Institution> supported, SupportCategory category, Particulars particulars,
            Particulars previous, boolean departmentKnown, LocalDate filedOn, ReportRules parameters,
            List<LiveCommitment> others) {
    }

    /** A rule adds its violations, each naming its field and message key. */
    interface Rule {
        void check(Submission s, List<Violation> out);
    }

    static final List<Rule> RULES = List.of(
            SubmissionRules::contentPresent,
            SubmissionRules::departmentKnown,
            SubmissionRules::scheduleWellFormed,
            SubmissionRules::registrationCoversPeriod,
            SubmissionRules::professionAllowed,
            SubmissionRules::supportedInstitutionUsable,
            SubmissionRules::periodNotTooLong,
            SubmissionRules::periodNotInThePast,
            CommitmentRules::noDoubleBooking,
            // after rule 4: its sum holds only for reports that do not overlap
            CommitmentRules::weeklyHoursWithinCap);

    private SubmissionRules() {}

    static List<Violation> check(Submission submission) {
        List<Violation> out = new ArrayList<>();
        RULES.forEach(rule -> rule.check(submission, out));
        return out;
    }

    static void contentPresent(Submission s, List<Violation> out) {
        if (Texts.isBlank(s.particulars().content())) {
            out.add(Violation.of("content", "content.required"));
        }
    }

    static void departmentKnown(Submission s, List<Violation> out) {
        if (!s.departmentKnown()) {
            out.add(Violation.of("department", "department.unknown"));
        }
    }

    static void scheduleWellFormed(Submission s, List<Violation> out) {
        out.addAll(ScheduleRules.validate(s.particulars().period(), s.particulars().schedule()));
    }

    /** Rule 2: practising (not 停業/歇業) for the whole period. */
    static void registrationCoversPeriod(Submission s, List<Violation> out) {
        Period p = s.particulars().period();
        if (p.start().isAfter(p.end())) {
            return; // already reported by the schedule rule
        }
        if (s.registration().isEmpty()) {
            out.add(Violation.of("practitioner", "registration.not.practising"));
        } else if (!s.registration().get().covers(p.start(), p.end())) {
            out.add(Violation.of("period", "registration.not.covering.period"));
        }
    }

    static void professionAllowed(Submission s, List<Violation> out) {
        var allowed = s.parameters().professions(s.category());
        String profession = s.registration().map(PracticeRegistration::professionCode)
                .orElse(s.practitioner().professionCode());
        if (!allowed.isEmpty() && !allowed.contains(profession)) {
            out.add(Violation.of("category", "category.profession.not.allowed"));
        }
    }

    /** Rule 2: the supported institution exists, is open, is not the home institution, and suits the category. */
    static void supportedInstitutionUsable(Submission s, List<Violation> out) {
        if (s.supported().isEmpty()) {
            out.add(Violation.of("supportedInstitution", "institution.not.found"));
            return;
        }
        Institution supported = s.supported().get();
        if (!supported.isOpen()) {
            out.add(Violation.of("supportedInstitution", "institution.not.open"));
        }
        if (supported.code().equals(s.home().code())) {
            out.add(Violation.of("supportedInstitution", "institution.same.as.home"));
        }
        if (s.parameters().longTermCareOnly(s.category()) && supported.type() != Institution.Type.LONG_TERM_CARE) {
            out.add(Violation.of("supportedInstitution", "institution.not.long.term.care"));
        }
    }

    /** Rule 3: no longer than the category allows. */
    static void periodNotTooLong(Submission s, List<Violation> out) {
        Period p = s.particulars().period();
        java.time.Period max = s.parameters().maxPeriod(s.category());
        if (!p.start().isAfter(p.end()) && !p.end().isBefore(p.start().plus(max))) {
            // Say the last day that would do, in ROC form: clearer than "P1Y" in either language.
            out.add(Violation.of("period.end", "period.too.long",
                    tw.gov.mohw.support.registry.RocDates.formatShort(p.start().plus(max).minusDays(1))));
        }
    }

    /**
     * Rule 3: not in the past, except categories that allow reporting after the fact within N days. A change may
     * keep days that are already past, but may not alter them: what was approved for those days stands.
     */
    static void periodNotInThePast(Submission s, List<Violation> out) {
        Period period = s.particulars().period();
        if (period.start().isAfter(period.end())) {
            return;
        }
        int days = s.parameters().retroactiveDays(s.category());
        LocalDate earliest = s.filedOn().minusDays(days);
        if (s.previous() != null) {
            Period before = s.previous().period();
            LocalDate from = period.start().isBefore(before.start()) ? period.start() : before.start();
            LocalDate to = earliest.minusDays(1);
            if (!from.isAfter(to) && !Overlaps.intervals(period, s.particulars().schedule(), from, to)
                    .equals(Overlaps.intervals(before, s.previous().schedule(), from, to))) {
                out.add(Violation.of("period.start", "change.alters.past"));
            }
        } else if (period.start().isBefore(earliest)) {
            out.add(days == 0 ? Violation.of("period.start", "period.start.past")
                    : Violation.of("period.start", "period.start.too.late", days));
        }
    }
}
