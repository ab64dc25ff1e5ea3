package tw.gov.mohw.support.report;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.shared.Violation;

class ScheduleRulesTest {

    /** 2026-12-07 is a Monday; the period runs four full weeks. */
    private static final Period FOUR_WEEKS = period("2026-12-07", "2027-01-03");

    private static Period period(String start, String end) {
        return new Period(LocalDate.parse(start), LocalDate.parse(end));
    }

    private static LocalTime t(String time) {
        return time == null ? null : LocalTime.parse(time);
    }

    private static WeeklySlot weekly(DayOfWeek day, String start, String end) {
        return new WeeklySlot(day, t(start), t(end));
    }

    private static DatedSlot dated(String date, String start, String end) {
        return new DatedSlot(date == null ? null : LocalDate.parse(date), t(start), t(end));
    }

    private static Schedule schedule(List<WeeklySlot> weekly, List<DatedSlot> dated) {
        return new Schedule(weekly, dated);
    }

    private static Violation v(String field, String key, Object... args) {
        return Violation.of(field, key, args);
    }

    @Test
    void validPeriodAndScheduleHaveNoViolations() {
        Schedule schedule = schedule(
                List.of(weekly(TUESDAY, "13:30", "17:30"), weekly(SUNDAY, "22:00", "08:00")),
                List.of(dated("2026-12-09", "08:00", "12:00"), dated("2027-01-03", "20:00", "22:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).isEmpty();
    }

    @Test
    void oneDayPeriodIsValid() {
        assertThat(ScheduleRules.validate(period("2026-12-07", "2026-12-07"),
                Schedule.ofWeekly(weekly(MONDAY, "22:00", "08:00")))).isEmpty();
    }

    @Test
    void missingPeriodIsRequired() {
        assertThat(ScheduleRules.validate(null, Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00"))))
                .containsExactly(v("period", "period.required"));
    }

    @Test
    void endBeforeStartIsReportedOnTheEnd() {
        assertThat(ScheduleRules.validate(period("2026-12-10", "2026-12-09"),
                Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00"))))
                .containsExactly(v("period.end", "period.end.before.start"));
    }

    @Test
    void withoutAValidPeriodTheSlotsStillGetTheirOwnChecksButNotThePeriodOnes() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "09:00", "09:00"), weekly(MONDAY, "08:00", "12:00"),
                        weekly(MONDAY, "10:00", "11:00")),
                List.of(dated("2030-01-01", "09:00", "10:00")));
        assertThat(ScheduleRules.validate(null, schedule)).containsExactly(
                v("period", "period.required"),
                v("schedule.weekly[0]", "slot.zero.length"));
        assertThat(ScheduleRules.validate(period("2026-12-10", "2026-12-09"), schedule)).containsExactly(
                v("period.end", "period.end.before.start"),
                v("schedule.weekly[0]", "slot.zero.length"));
    }

    @Test
    void missingScheduleIsEmpty() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS, null)).containsExactly(v("schedule", "schedule.empty"));
    }

    @Test
    void scheduleWithoutSlotsIsEmpty() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule(List.of(), List.of())))
                .containsExactly(v("schedule", "schedule.empty"));
        assertThat(ScheduleRules.validate(null, schedule(null, null)))
                .containsExactly(v("period", "period.required"), v("schedule", "schedule.empty"));
    }

    @Test
    void onlyDatedSlotsIsEnough() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS, Schedule.ofDated(dated("2026-12-08", "09:00", "12:00"))))
                .isEmpty();
    }

    /** {@code count} one-hour weekly slots that do not overlap: 8 per weekday at 00:00, 01:00, ... 07:00. */
    private static List<WeeklySlot> distinctWeeklySlots(int count) {
        List<WeeklySlot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalTime start = LocalTime.of(i / 7, 0);
            slots.add(new WeeklySlot(DayOfWeek.of(i % 7 + 1), start, start.plusHours(1)));
        }
        return slots;
    }

    @Test
    void fiftyWeeklySlotsAreAllowed() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule(distinctWeeklySlots(50), null))).isEmpty();
    }

    @Test
    void moreThanFiftyWeeklySlotsAreTooMany() {
        List<WeeklySlot> slots = distinctWeeklySlots(51);
        slots.set(3, null);
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule(slots, null)))
                .containsExactly(v("schedule.weekly", "schedule.weekly.too.many", 50));
    }

    @Test
    void tooManyWeeklySlotsStillLeaveTheDatedSlotsChecked() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS,
                schedule(distinctWeeklySlots(51), List.of(dated("2030-01-01", "09:00", "10:00")))))
                .containsExactly(
                        v("schedule.weekly", "schedule.weekly.too.many", 50),
                        v("schedule.dated[0].date", "slot.date.outside.period"));
    }

    /** One slot on each day of the leap year 2028. */
    private static List<DatedSlot> everyDayOf2028(int count) {
        List<DatedSlot> slots = new ArrayList<>();
        LocalDate date = LocalDate.parse("2028-01-01");
        for (int i = 0; i < count; i++) {
            slots.add(new DatedSlot(date.plusDays(i), LocalTime.of(9, 0), LocalTime.of(12, 0)));
        }
        return slots;
    }

    @Test
    void threeHundredSixtySixDatedSlotsAreAllowed() {
        assertThat(ScheduleRules.validate(period("2028-01-01", "2028-12-31"), schedule(null, everyDayOf2028(366))))
                .isEmpty();
    }

    @Test
    void moreThanThreeHundredSixtySixDatedSlotsAreTooMany() {
        List<DatedSlot> slots = everyDayOf2028(367);
        assertThat(ScheduleRules.validate(period("2028-01-01", "2028-12-31"),
                schedule(List.of(weekly(MONDAY, "09:00", "09:00")), slots)))
                .containsExactly(
                        v("schedule.dated", "schedule.dated.too.many", 366),
                        v("schedule.weekly[0]", "slot.zero.length"));
    }

    @Test
    void nullSlotIsRequired() {
        Schedule schedule = schedule(
                Arrays.asList(weekly(MONDAY, "09:00", "12:00"), null),
                Arrays.asList((DatedSlot) null));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.weekly[1]", "slot.required"),
                v("schedule.dated[0]", "slot.required"));
    }

    @Test
    void everyMissingFieldOfAWeeklySlotIsRequired() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS, Schedule.ofWeekly(weekly(null, null, null)))).containsExactly(
                v("schedule.weekly[0].day", "slot.required"),
                v("schedule.weekly[0].start", "slot.required"),
                v("schedule.weekly[0].end", "slot.required"));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, Schedule.ofWeekly(
                weekly(null, "09:00", "12:00"), weekly(MONDAY, null, "12:00"), weekly(MONDAY, "09:00", null))))
                .containsExactly(
                        v("schedule.weekly[0].day", "slot.required"),
                        v("schedule.weekly[1].start", "slot.required"),
                        v("schedule.weekly[2].end", "slot.required"));
    }

    @Test
    void everyMissingFieldOfADatedSlotIsRequired() {
        assertThat(ScheduleRules.validate(FOUR_WEEKS, Schedule.ofDated(dated(null, null, null)))).containsExactly(
                v("schedule.dated[0].date", "slot.required"),
                v("schedule.dated[0].start", "slot.required"),
                v("schedule.dated[0].end", "slot.required"));
    }

    @Test
    void timesWithSecondsOrNanosAreRefused() {
        Schedule schedule = schedule(
                List.of(new WeeklySlot(MONDAY, LocalTime.of(9, 0, 30), LocalTime.of(12, 0)),
                        new WeeklySlot(TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0, 0, 1))),
                List.of(new DatedSlot(LocalDate.parse("2026-12-09"), LocalTime.of(9, 0, 1), LocalTime.of(10, 0, 1))));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.weekly[0].start", "slot.time.minutes"),
                v("schedule.weekly[1].end", "slot.time.minutes"),
                v("schedule.dated[0].start", "slot.time.minutes"),
                v("schedule.dated[0].end", "slot.time.minutes"));
    }

    @Test
    void zeroLengthSlotsAreRefused() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "09:00", "12:00"), weekly(TUESDAY, "00:00", "00:00")),
                List.of(dated("2026-12-09", "13:00", "13:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.weekly[1]", "slot.zero.length"),
                v("schedule.dated[0]", "slot.zero.length"));
    }

    @Test
    void datedSlotOutsideThePeriodIsRefused() {
        Schedule schedule = Schedule.ofDated(
                dated("2026-12-06", "09:00", "12:00"),
                dated("2026-12-07", "09:00", "12:00"),
                dated("2027-01-03", "22:00", "08:00"),
                dated("2027-01-04", "09:00", "12:00"));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.dated[0].date", "slot.date.outside.period"),
                v("schedule.dated[3].date", "slot.date.outside.period"));
    }

    @Test
    void weeklySlotOnAWeekdayThePeriodLacksIsRefused() {
        Period friToSun = period("2026-12-04", "2026-12-06");
        Schedule schedule = Schedule.ofWeekly(
                weekly(FRIDAY, "09:00", "12:00"),
                weekly(MONDAY, "09:00", "12:00"),
                weekly(SUNDAY, "22:00", "08:00"),
                weekly(TUESDAY, "09:00", "12:00"));
        assertThat(ScheduleRules.validate(friToSun, schedule)).containsExactly(
                v("schedule.weekly[1].day", "slot.day.not.in.period"),
                v("schedule.weekly[3].day", "slot.day.not.in.period"));
    }

    @Test
    void identicalWeeklySlotsOverlapEachOther() {
        Schedule schedule = Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00"), weekly(MONDAY, "09:00", "12:00"));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.weekly[1]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void partlyOverlappingWeeklySlotsOverlapEachOther() {
        Schedule schedule = Schedule.ofWeekly(
                weekly(MONDAY, "09:00", "12:00"), weekly(TUESDAY, "09:00", "12:00"), weekly(MONDAY, "11:59", "13:00"));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.weekly[2]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void touchingSlotsOfOneScheduleDoNotOverlap() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "08:00", "12:00"), weekly(MONDAY, "12:00", "17:00"),
                        weekly(SUNDAY, "22:00", "00:00"), weekly(MONDAY, "00:00", "08:00")),
                List.of(dated("2026-12-08", "17:00", "18:00"), dated("2026-12-08", "18:00", "20:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).isEmpty();
    }

    @Test
    void sundayNightSlotOverlapsMondayMorningSlotOfTheSameSchedule() {
        Schedule schedule = Schedule.ofWeekly(weekly(MONDAY, "01:00", "03:00"), weekly(SUNDAY, "22:00", "02:00"));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.weekly[1]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void nightSlotOnThePeriodsLastDayDoesNotMeetTheFirstDaysMorning() {
        // Sunday 2026-12-06 .. Saturday 2026-12-12: the Saturday night runs into Sunday 12-13, outside the period;
        // the only Sunday morning slot is on 12-06.
        Schedule schedule = Schedule.ofWeekly(weekly(SATURDAY, "22:00", "02:00"), weekly(SUNDAY, "01:00", "03:00"));
        assertThat(ScheduleRules.validate(period("2026-12-06", "2026-12-12"), schedule)).isEmpty();
        // One more day and the Saturday night meets the second Sunday's morning.
        assertThat(ScheduleRules.validate(period("2026-12-06", "2026-12-13"), schedule))
                .containsExactly(v("schedule.weekly[1]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void datedSlotOverlappingAWeeklySlotIsReportedOnTheDatedSlot() {
        Schedule schedule = schedule(
                List.of(weekly(TUESDAY, "09:00", "12:00")),
                List.of(dated("2026-12-08", "13:00", "14:00"), dated("2026-12-29", "11:00", "13:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.dated[1]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void datedNightSlotOverlapsNextMorningsWeeklySlot() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "01:00", "03:00")),
                List.of(dated("2026-12-13", "22:00", "02:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.dated[0]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void weeklyNightSlotOverlapsNextMorningsDatedSlot() {
        Schedule schedule = schedule(
                List.of(weekly(SUNDAY, "22:00", "02:00")),
                List.of(dated("2026-12-21", "01:30", "03:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.dated[0]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void weeklySlotDoesNotOverlapADatedSlotOnAnotherWeekday() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "09:00", "12:00")),
                List.of(dated("2026-12-08", "09:00", "12:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).isEmpty();
    }

    @Test
    void overlappingDatedSlotsOverlapEachOther() {
        Schedule schedule = Schedule.ofDated(
                dated("2026-12-08", "09:00", "12:00"),
                dated("2026-12-09", "22:00", "06:00"),
                dated("2026-12-10", "05:00", "07:00"));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule))
                .containsExactly(v("schedule.dated[2]", "schedule.self.overlap", "schedule.dated[1]"));
    }

    @Test
    void eachLaterSlotIsReportedOnceAgainstTheEarliestSlotItMeets() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "09:00", "12:00"), weekly(MONDAY, "10:00", "11:00"),
                        weekly(MONDAY, "08:00", "17:00")),
                List.of(dated("2026-12-14", "10:30", "10:45")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.weekly[1]", "schedule.self.overlap", "schedule.weekly[0]"),
                v("schedule.weekly[2]", "schedule.self.overlap", "schedule.weekly[0]"),
                v("schedule.dated[0]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void datedSlotLateInALongPeriodIsCheckedAgainstWeeklySlots() {
        Schedule schedule = schedule(
                List.of(weekly(FRIDAY, "18:00", "22:00")),
                List.of(dated("2027-11-26", "21:00", "23:00")));
        assertThat(LocalDate.parse("2027-11-26").getDayOfWeek()).isEqualTo(FRIDAY);
        assertThat(ScheduleRules.validate(period("2026-12-07", "2027-12-06"), schedule))
                .containsExactly(v("schedule.dated[0]", "schedule.self.overlap", "schedule.weekly[0]"));
    }

    @Test
    void invalidSlotsTakeNoPartInTheOverlapCheck() {
        Schedule schedule = schedule(
                List.of(weekly(MONDAY, "09:00", "12:00"), weekly(MONDAY, "10:00", "10:00")),
                List.of(dated("2027-02-01", "09:00", "12:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.weekly[1]", "slot.zero.length"),
                v("schedule.dated[0].date", "slot.date.outside.period"));
    }

    @Test
    void violationsComeInFieldOrder() {
        Schedule schedule = schedule(
                Arrays.asList(null, weekly(MONDAY, "09:00", "12:00"), weekly(MONDAY, "11:00", "13:00")),
                Arrays.asList(dated("2026-12-07", "12:30", "12:45"), dated(null, "09:00", "10:00")));
        assertThat(ScheduleRules.validate(FOUR_WEEKS, schedule)).containsExactly(
                v("schedule.weekly[0]", "slot.required"),
                v("schedule.dated[1].date", "slot.required"),
                v("schedule.weekly[2]", "schedule.self.overlap", "schedule.weekly[1]"),
                v("schedule.dated[0]", "schedule.self.overlap", "schedule.weekly[2]"));
    }
}
