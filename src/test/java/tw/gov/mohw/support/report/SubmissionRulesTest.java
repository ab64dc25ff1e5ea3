package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.PracticeRegistration;
import tw.gov.mohw.support.registry.Practitioner;
import tw.gov.mohw.support.shared.Violation;

/** Rule 3's "after the fact" for changes and corrections, without Spring. */
class SubmissionRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1); // a Tuesday
    static final ReportRules RULES = new ReportRules(java.time.Period.ofYears(1), 0,
            Map.of(SupportCategory.EMERGENCY, new ReportRules.Category(null, 3, null, null, false, false)), Map.of());
    static final Practitioner PERSON = new Practitioner(1, NationalId.parse("A123456789"), "王小明",
            LocalDate.of(1980, 1, 1), "A", "醫字第1號", null);
    static final Institution HOME = new Institution(new InstitutionCode("0101090517"), "甲醫院",
            Institution.Type.HOSPITAL, "63000", "臺北市", Institution.Status.OPEN);
    static final Institution SITE = new Institution(new InstitutionCode("0202020202"), "乙診所",
            Institution.Type.CLINIC, "63000", "臺北市", Institution.Status.OPEN);
    static final PracticeRegistration REGISTRATION = new PracticeRegistration(1, HOME.code(), "A",
            PracticeRegistration.Status.PRACTISING, LocalDate.of(2010, 1, 1), null);

    static Particulars tuesdays(LocalDate start, LocalDate end, DayOfWeek... more) {
        List<WeeklySlot> slots = new java.util.ArrayList<>();
        slots.add(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        for (DayOfWeek d : more) {
            slots.add(new WeeklySlot(d, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        }
        return new Particulars("02", "門診", new Period(start, end), new Schedule(slots, List.of()));
    }

    static List<String> check(Particulars particulars, Particulars previous, LocalDate filedOn, SupportCategory category) {
        return check(particulars, previous, filedOn, category, RULES, List.of());
    }

    static List<String> check(Particulars particulars, Particulars previous, LocalDate filedOn, SupportCategory category,
            ReportRules rules, List<LiveCommitment> others) {
        return SubmissionRules.check(new SubmissionRules.Submission(PERSON, Optional.of(REGISTRATION), HOME,
                Optional.of(SITE), category, particulars, previous, true, filedOn, rules, others))
                .stream().map(Violation::messageKey).toList();
    }

    /** Another live report of the person: Tuesdays and Wednesdays 09:00–12:00 over the same weeks. */
    static LiveCommitment elsewhere(LocalDate start, LocalDate end, DayOfWeek day) {
        return new LiveCommitment(99, "北市115-000099", ReportStatus.APPROVED,
                new Routing(1, "0101090517", "0303030303", "63000", null, true, true), false, new Period(start, end),
                Schedule.ofWeekly(new WeeklySlot(day, LocalTime.of(9, 0), LocalTime.of(12, 0))));
    }

    @Test
    void theRuleListHoldsRuleFourNoDoubleBooking() {
        Particulars tuesdays = tuesdays(TODAY, TODAY.plusDays(30));
        assertThat(check(tuesdays, null, TODAY, SupportCategory.REGULAR, RULES,
                List.of(elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.TUESDAY)))).containsExactly("schedule.overlap");
        assertThat(check(tuesdays, null, TODAY, SupportCategory.REGULAR, RULES,
                List.of(elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.WEDNESDAY)))).isEmpty();
        // reported with the other faults, field by field
        assertThat(check(tuesdays(TODAY.minusDays(1), TODAY.plusDays(30)), null, TODAY, SupportCategory.REGULAR, RULES,
                List.of(elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.TUESDAY))))
                .containsExactly("period.start.past", "schedule.overlap");
    }

    @Test
    void theRuleListHoldsRuleFiveTheWeeklyHoursCap() {
        ReportRules capped = new ReportRules(java.time.Period.ofYears(1), 0, Map.of(SupportCategory.REGULAR,
                new ReportRules.Category(null, null, null, 5, false, false)), Map.of());
        Particulars tuesdays = tuesdays(TODAY, TODAY.plusDays(30));
        // 3 hours a week alone; 6 with Wednesdays elsewhere: over a cap of 5
        assertThat(check(tuesdays, null, TODAY, SupportCategory.REGULAR, capped, List.of())).isEmpty();
        assertThat(check(tuesdays, null, TODAY, SupportCategory.REGULAR, capped,
                List.of(elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.WEDNESDAY)))).containsExactly(
                        "schedule.hours.over.cap");
        // no cap configured: nothing said
        assertThat(check(tuesdays, null, TODAY, SupportCategory.REGULAR, RULES,
                List.of(elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.WEDNESDAY)))).isEmpty();
        // a clash is rule 4's to report; the hours of clashing reports do not add up
        assertThat(check(tuesdays, null, TODAY, SupportCategory.REGULAR, capped,
                List.of(elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.TUESDAY),
                        elsewhere(TODAY, TODAY.plusDays(30), DayOfWeek.WEDNESDAY))))
                .containsExactly("schedule.overlap");
    }

    @Test
    void aNewReportCannotStartInThePast() {
        assertThat(check(tuesdays(TODAY.minusDays(1), TODAY.plusDays(30)), null, TODAY, SupportCategory.REGULAR))
                .containsExactly("period.start.past");
        assertThat(check(tuesdays(TODAY, TODAY.plusDays(30)), null, TODAY, SupportCategory.REGULAR)).isEmpty();
    }

    @Test
    void emergencyCoverCountsItsDaysFromTheDayOfFiling() {
        assertThat(check(tuesdays(TODAY.minusDays(3), TODAY.plusDays(30)), null, TODAY, SupportCategory.EMERGENCY))
                .isEmpty();
        assertThat(check(tuesdays(TODAY.minusDays(4), TODAY.plusDays(30)), null, TODAY, SupportCategory.EMERGENCY))
                .containsExactly("period.start.too.late");
    }

    @Test
    void aChangeMayKeepThePastButNotAlterIt() {
        LocalDate start = TODAY.minusMonths(2);
        Particulars approved = tuesdays(start, TODAY.plusMonths(2));
        // Adding Wednesdays from now on is fine; the past stays as approved.
        Particulars future = new Particulars("02", "門診", approved.period(), new Schedule(List.of(
                new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), List.of(
                new DatedSlot(TODAY.plusDays(1), LocalTime.of(9, 0), LocalTime.of(12, 0)))));
        assertThat(check(future, approved, TODAY, SupportCategory.REGULAR)).isEmpty();
        // Adding Wednesdays to the whole period rewrites past weeks.
        assertThat(check(tuesdays(start, TODAY.plusMonths(2), DayOfWeek.WEDNESDAY), approved, TODAY,
                SupportCategory.REGULAR)).containsExactly("change.alters.past");
        // So does moving the start earlier, or dropping past days.
        assertThat(check(tuesdays(start.minusWeeks(1), TODAY.plusMonths(2)), approved, TODAY, SupportCategory.REGULAR))
                .containsExactly("change.alters.past");
        assertThat(check(tuesdays(start.plusWeeks(2), TODAY.plusMonths(2)), approved, TODAY, SupportCategory.REGULAR))
                .containsExactly("change.alters.past");
        // Shortening the future is fine.
        assertThat(check(tuesdays(start, TODAY.plusMonths(1)), approved, TODAY, SupportCategory.REGULAR)).isEmpty();
    }
}
