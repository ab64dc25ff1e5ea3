package tw.gov.mohw.support.report;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverlapsTest {

    // 2026-12-06 is a Sunday, 2026-12-07 a Monday.

    private static Period period(String start, String end) {
        return new Period(LocalDate.parse(start), LocalDate.parse(end));
    }

    private static WeeklySlot weekly(DayOfWeek day, String start, String end) {
        return new WeeklySlot(day, LocalTime.parse(start), LocalTime.parse(end));
    }

    private static DatedSlot dated(String date, String start, String end) {
        return new DatedSlot(LocalDate.parse(date), LocalTime.parse(start), LocalTime.parse(end));
    }

    private static Interval interval(String start, String end) {
        return new Interval(LocalDateTime.parse(start), LocalDateTime.parse(end));
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    /** Checks both argument orders give the same answer, and returns it. */
    private static Optional<Interval> overlap(Period pa, Schedule sa, Period pb, Schedule sb) {
        Optional<Interval> ab = Overlaps.firstOverlap(pa, sa, pb, sb);
        Optional<Interval> ba = Overlaps.firstOverlap(pb, sb, pa, sa);
        assertThat(ba).as("firstOverlap is symmetric").isEqualTo(ab);
        return ab;
    }

    // ---- intervals ----

    @Test
    void weeklySlotIsExpandedOnEveryMatchingDateOfThePeriod() {
        Schedule schedule = Schedule.ofWeekly(weekly(TUESDAY, "13:30", "17:30"));
        assertThat(Overlaps.intervals(period("2026-12-01", "2026-12-22"), schedule, d("2026-11-01"), d("2027-01-31")))
                .containsExactly(
                        interval("2026-12-01T13:30", "2026-12-01T17:30"),
                        interval("2026-12-08T13:30", "2026-12-08T17:30"),
                        interval("2026-12-15T13:30", "2026-12-15T17:30"),
                        interval("2026-12-22T13:30", "2026-12-22T17:30"));
    }

    @Test
    void slotStartingOnThePeriodsLastDayRunsIntoTheNextMorning() {
        Schedule schedule = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "08:00"));
        assertThat(Overlaps.intervals(period("2026-12-01", "2026-12-06"), schedule, d("2026-12-07"), d("2026-12-07")))
                .containsExactly(interval("2026-12-06T22:00", "2026-12-07T08:00"));
    }

    @Test
    void windowIncludesThePreviousNightsSlotRunningIntoIt() {
        Schedule schedule = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "02:00"), weekly(MONDAY, "09:00", "10:00"));
        assertThat(Overlaps.intervals(period("2026-11-01", "2026-12-31"), schedule, d("2026-12-07"), d("2026-12-07")))
                .containsExactly(
                        interval("2026-12-06T22:00", "2026-12-07T02:00"),
                        interval("2026-12-07T09:00", "2026-12-07T10:00"));
    }

    @Test
    void windowExcludesThePreviousDaysSlotEndingAtMidnight() {
        Schedule schedule = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "00:00"));
        assertThat(Overlaps.intervals(period("2026-11-01", "2026-12-31"), schedule, d("2026-12-07"), d("2026-12-07")))
                .isEmpty();
        assertThat(Overlaps.intervals(period("2026-11-01", "2026-12-31"), schedule, d("2026-12-06"), d("2026-12-06")))
                .containsExactly(interval("2026-12-06T22:00", "2026-12-07T00:00"));
    }

    @Test
    void nothingIsExpandedOutsideThePeriod() {
        Schedule schedule = Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00"));
        assertThat(Overlaps.intervals(period("2026-12-08", "2026-12-13"), schedule, d("2026-12-01"), d("2026-12-31")))
                .isEmpty();
    }

    @Test
    void intervalsAreSortedByStartAcrossWeeklyAndDatedSlots() {
        Schedule schedule = new Schedule(
                List.of(weekly(WEDNESDAY, "08:00", "09:00"), weekly(MONDAY, "18:00", "20:00"),
                        weekly(MONDAY, "08:00", "12:00")),
                List.of(dated("2026-12-08", "10:00", "11:00"), dated("2026-12-07", "13:00", "14:00")));
        assertThat(Overlaps.intervals(period("2026-12-07", "2026-12-09"), schedule, d("2026-12-07"), d("2026-12-09")))
                .containsExactly(
                        interval("2026-12-07T08:00", "2026-12-07T12:00"),
                        interval("2026-12-07T13:00", "2026-12-07T14:00"),
                        interval("2026-12-07T18:00", "2026-12-07T20:00"),
                        interval("2026-12-08T10:00", "2026-12-08T11:00"),
                        interval("2026-12-09T08:00", "2026-12-09T09:00"));
    }

    @Test
    void datedSlotsAreTakenAsGivenWhenInsideThePeriodAndWindow() {
        Schedule schedule = Schedule.ofDated(
                dated("2026-12-06", "22:00", "02:00"),
                dated("2026-12-20", "09:00", "10:00"),
                dated("2027-02-01", "09:00", "10:00"));
        Period period = period("2026-12-01", "2026-12-31");
        assertThat(Overlaps.intervals(period, schedule, d("2026-12-07"), d("2026-12-10")))
                .containsExactly(interval("2026-12-06T22:00", "2026-12-07T02:00"));
        assertThat(Overlaps.intervals(period, schedule, d("2026-12-01"), d("2027-12-31")))
                .as("the dated slot outside the period is ignored")
                .containsExactly(
                        interval("2026-12-06T22:00", "2026-12-07T02:00"),
                        interval("2026-12-20T09:00", "2026-12-20T10:00"));
    }

    @Test
    void invalidSlotsHaveNoIntervals() {
        Schedule schedule = new Schedule(
                Arrays.asList(null, new WeeklySlot(null, LocalTime.NOON, LocalTime.MIDNIGHT),
                        new WeeklySlot(MONDAY, null, LocalTime.NOON), weekly(MONDAY, "09:00", "09:00")),
                Arrays.asList(null, new DatedSlot(null, LocalTime.NOON, LocalTime.MIDNIGHT),
                        dated("2026-12-07", "09:00", "09:00")));
        assertThat(Overlaps.intervals(period("2026-12-01", "2026-12-31"), schedule, d("2026-12-01"), d("2026-12-31")))
                .isEmpty();
        assertThat(Overlaps.weeklyHours(schedule)).isEqualTo(Duration.ZERO);
        assertThat(Overlaps.maxHoursInAnyWeek(period("2026-12-01", "2026-12-31"), schedule)).isEqualTo(Duration.ZERO);
    }

    @Test
    void windowEndingBeforeItStartsIsEmpty() {
        Schedule schedule = Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00"));
        assertThat(Overlaps.intervals(period("2026-12-01", "2026-12-31"), schedule, d("2026-12-10"), d("2026-12-09")))
                .isEmpty();
    }

    @Test
    void intervalsAreUnmodifiable() {
        List<Interval> intervals = Overlaps.intervals(period("2026-12-01", "2026-12-31"),
                Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00")), d("2026-12-01"), d("2026-12-31"));
        assertThatThrownBy(() -> intervals.add(interval("2026-12-01T00:00", "2026-12-01T01:00")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shortWindowOverAHugePeriodExpandsOnlyTheWindow() {
        Period centuries = period("2000-01-01", "2999-12-31");
        List<WeeklySlot> slots = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            slots.add(new WeeklySlot(day, LocalTime.of(9, 0), LocalTime.of(10, 0)));
            slots.add(new WeeklySlot(day, LocalTime.of(22, 0), LocalTime.of(1, 0)));
        }
        Schedule schedule = new Schedule(slots, null);
        long started = System.nanoTime();
        List<Interval> intervals = Overlaps.intervals(centuries, schedule, d("2500-06-01"), d("2500-06-02"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(intervals).containsExactly(
                interval("2500-05-31T22:00", "2500-06-01T01:00"),
                interval("2500-06-01T09:00", "2500-06-01T10:00"),
                interval("2500-06-01T22:00", "2500-06-02T01:00"),
                interval("2500-06-02T09:00", "2500-06-02T10:00"),
                interval("2500-06-02T22:00", "2500-06-03T01:00"));
        assertThat(millis).isLessThan(500);
    }

    // ---- firstOverlap ----

    private static final Period DECEMBER = period("2026-12-01", "2026-12-31");

    @Test
    void sameSlotOnBothSidesMeetsOnItsFirstOccurrence() {
        Schedule schedule = Schedule.ofWeekly(weekly(TUESDAY, "13:30", "17:30"));
        assertThat(overlap(DECEMBER, schedule, period("2026-12-05", "2027-03-01"), schedule))
                .contains(interval("2026-12-08T13:30", "2026-12-08T17:30"));
    }

    @Test
    void sundayNightSlotMeetsMondayMorning() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(SUNDAY, "22:00", "02:00")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "01:00", "03:00"))))
                .contains(interval("2026-12-07T01:00", "2026-12-07T02:00"));
    }

    @Test
    void sundayNightSlotMeetsMondayMorningOnlyWhenBothPeriodsCoverThoseDays() {
        Schedule sundayNight = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "02:00"));
        Schedule mondayMorning = Schedule.ofWeekly(weekly(MONDAY, "01:00", "03:00"));
        // The Monday side starts on Tuesday 12-08: its first Monday is 12-14, the Sunday side's last Sunday 12-06.
        assertThat(overlap(period("2026-12-01", "2026-12-12"), sundayNight,
                period("2026-12-08", "2026-12-31"), mondayMorning)).isEmpty();
        assertThat(overlap(period("2026-12-01", "2026-12-13"), sundayNight,
                period("2026-12-08", "2026-12-31"), mondayMorning))
                .contains(interval("2026-12-14T01:00", "2026-12-14T02:00"));
    }

    @Test
    void touchingSlotsDoNotOverlap() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "08:00", "12:00")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "12:00", "17:00")))).isEmpty();
    }

    @Test
    void slotsSharingOneMinuteOverlapForThatMinute() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "08:00", "12:01")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "12:00", "17:00"))))
                .contains(interval("2026-12-07T12:00", "2026-12-07T12:01"));
    }

    @Test
    void slotEndingAtMidnightDoesNotMeetMidnightStart() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(SUNDAY, "22:00", "00:00")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "00:00", "08:00")))).isEmpty();
    }

    @Test
    void slotRunningPastMidnightMeetsMidnightStart() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(SUNDAY, "22:00", "00:01")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "00:00", "08:00"))))
                .contains(interval("2026-12-07T00:00", "2026-12-07T00:01"));
    }

    @Test
    void sameWeekdayAtDifferentTimesDoesNotMeet() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "08:00", "12:00"), weekly(MONDAY, "18:00", "22:00")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "13:00", "17:00"), weekly(MONDAY, "22:00", "07:00"))))
                .isEmpty();
    }

    @Test
    void differentWeekdaysDoNotMeet() {
        assertThat(overlap(
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "08:00", "17:00"), weekly(WEDNESDAY, "08:00", "17:00")),
                DECEMBER, Schedule.ofWeekly(weekly(TUESDAY, "08:00", "17:00"), weekly(FRIDAY, "08:00", "17:00"))))
                .isEmpty();
    }

    @Test
    void weeklySlotsMeetOnlyOnWeekdaysBothPeriodsShare() {
        Schedule monday = Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00"));
        // Shared days: Tuesday 12-08 .. Saturday 12-12, no Monday among them.
        assertThat(overlap(period("2026-12-01", "2026-12-12"), monday, period("2026-12-08", "2026-12-20"), monday))
                .isEmpty();
    }

    @Test
    void disjointPeriodsNeverOverlap() {
        // Busy every day from noon to 11:59 the next day, so each period spills into the morning after it.
        Schedule everyDay = new Schedule(
                Arrays.stream(DayOfWeek.values()).map(day -> weekly(day, "12:00", "11:59")).toList(), null);
        assertThat(overlap(period("2026-01-01", "2026-06-30"), everyDay, period("2026-07-02", "2026-12-31"), everyDay))
                .isEmpty();
        assertThat(overlap(period("2026-01-01", "2026-01-31"), everyDay, period("2027-01-01", "2027-01-31"), everyDay))
                .isEmpty();
    }

    @Test
    void periodsADayApartStillMeetAcrossMidnight() {
        // The first period ends on Sunday 12-06; its Sunday night runs into Monday 12-07, the second period's first
        // day.
        assertThat(overlap(
                period("2026-12-01", "2026-12-06"), Schedule.ofWeekly(weekly(SUNDAY, "22:00", "02:00")),
                period("2026-12-07", "2026-12-31"), Schedule.ofWeekly(weekly(MONDAY, "01:00", "03:00"))))
                .contains(interval("2026-12-07T01:00", "2026-12-07T02:00"));
    }

    @Test
    void periodsADayApartDoNotMeetWithoutANightSlot() {
        assertThat(overlap(
                period("2026-12-01", "2026-12-06"), Schedule.ofWeekly(weekly(SUNDAY, "08:00", "23:59")),
                period("2026-12-07", "2026-12-31"), Schedule.ofWeekly(weekly(MONDAY, "00:00", "03:00"))))
                .isEmpty();
    }

    @Test
    void datedSlotMeetsWeeklySlot() {
        assertThat(overlap(
                DECEMBER, Schedule.ofDated(dated("2026-12-06", "22:00", "02:00")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "01:00", "03:00"))))
                .contains(interval("2026-12-07T01:00", "2026-12-07T02:00"));
    }

    @Test
    void datedSlotOnTheLastDayMeetsTheNextPeriodsFirstMorning() {
        assertThat(overlap(
                period("2026-12-01", "2026-12-06"), Schedule.ofDated(dated("2026-12-06", "22:00", "02:00")),
                period("2026-12-07", "2026-12-07"), Schedule.ofDated(dated("2026-12-07", "01:30", "06:00"))))
                .contains(interval("2026-12-07T01:30", "2026-12-07T02:00"));
    }

    @Test
    void datedSlotOnAnotherWeekdayDoesNotMeetWeeklySlot() {
        assertThat(overlap(
                DECEMBER, Schedule.ofDated(dated("2026-12-08", "09:00", "12:00")),
                DECEMBER, Schedule.ofWeekly(weekly(MONDAY, "09:00", "12:00")))).isEmpty();
    }

    @Test
    void datedSlotsMeetOnlyOnTheSameDates() {
        Schedule a = Schedule.ofDated(dated("2026-12-08", "09:00", "12:00"), dated("2026-12-15", "09:00", "12:00"));
        Schedule b = Schedule.ofDated(dated("2026-12-09", "09:00", "12:00"), dated("2026-12-15", "11:00", "13:00"));
        assertThat(overlap(DECEMBER, a, DECEMBER, b)).contains(interval("2026-12-15T11:00", "2026-12-15T12:00"));
    }

    @Test
    void earliestOverlapIsReported() {
        Schedule a = Schedule.ofWeekly(weekly(FRIDAY, "09:00", "12:00"), weekly(TUESDAY, "09:00", "12:00"));
        Schedule b = new Schedule(
                List.of(weekly(FRIDAY, "10:00", "11:00")),
                List.of(dated("2026-12-29", "11:00", "15:00"), dated("2026-12-01", "11:30", "14:00")));
        assertThat(overlap(DECEMBER, a, DECEMBER, b)).contains(interval("2026-12-01T11:30", "2026-12-01T12:00"));
    }

    @Test
    void overlapSpansTouchingSlotsOfOneSideAsOneStretch() {
        Schedule night = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "00:00"), weekly(MONDAY, "00:00", "08:00"));
        Schedule cover = Schedule.ofDated(dated("2026-12-06", "23:00", "01:00"));
        assertThat(overlap(DECEMBER, night, DECEMBER, cover))
                .contains(interval("2026-12-06T23:00", "2026-12-07T01:00"));
    }

    @Test
    void overlapEndsWhereEitherSideStops() {
        Schedule a = Schedule.ofWeekly(weekly(MONDAY, "08:00", "12:00"), weekly(MONDAY, "12:00", "18:00"));
        Schedule b = Schedule.ofWeekly(weekly(MONDAY, "10:00", "14:00"), weekly(MONDAY, "14:00", "15:00"),
                weekly(MONDAY, "16:00", "20:00"));
        assertThat(overlap(DECEMBER, a, DECEMBER, b)).contains(interval("2026-12-07T10:00", "2026-12-07T15:00"));
    }

    @Test
    void emptyScheduleMeetsNothing() {
        Schedule busy = Schedule.ofWeekly(weekly(MONDAY, "00:01", "00:00"));
        assertThat(overlap(DECEMBER, busy, DECEMBER, new Schedule(null, null))).isEmpty();
    }

    @Test
    void longPeriodsSharingOneDayAreComparedOnlyAroundThatDay() {
        List<WeeklySlot> slots = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            slots.add(new WeeklySlot(day, LocalTime.of(8, 0), LocalTime.of(12, 0)));
            slots.add(new WeeklySlot(day, LocalTime.of(20, 0), LocalTime.of(2, 0)));
        }
        Schedule schedule = new Schedule(slots, null);
        long started = System.nanoTime();
        Optional<Interval> meets = overlap(period("2000-01-01", "2999-12-31"), schedule,
                period("2999-12-31", "3999-12-31"), schedule);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(meets).contains(interval("2999-12-31T08:00", "2999-12-31T12:00"));
        assertThat(millis).isLessThan(500);
    }

    @Test
    void farApartPeriodsReturnAtOnceWithoutExpanding() {
        Schedule schedule = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "02:00"), weekly(MONDAY, "01:00", "03:00"));
        long started = System.nanoTime();
        Optional<Interval> meets = overlap(period("-9999-01-01", "9999-12-31"), schedule,
                period("+10000-01-02", "+99999-12-31"), schedule);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(meets).isEmpty();
        assertThat(millis).isLessThan(500);
    }

    // ---- hours ----

    @Test
    void weeklyHoursSumTheWeeklySlotsIncludingNightOnes() {
        Schedule schedule = new Schedule(
                List.of(weekly(TUESDAY, "13:30", "17:30"), weekly(SUNDAY, "22:00", "08:00"),
                        weekly(SATURDAY, "22:00", "00:00")),
                List.of(dated("2026-12-09", "08:00", "18:00")));
        assertThat(Overlaps.weeklyHours(schedule)).isEqualTo(Duration.ofHours(16));
        assertThat(Overlaps.weeklyHours(new Schedule(null, null))).isEqualTo(Duration.ZERO);
    }

    @Test
    void fullWeeksOfAWeeklyScheduleHaveItsWeeklyHours() {
        Schedule schedule = Schedule.ofWeekly(weekly(TUESDAY, "13:30", "17:30"), weekly(SUNDAY, "22:00", "08:00"),
                weekly(WEDNESDAY, "09:00", "09:45"));
        assertThat(Overlaps.maxHoursInAnyWeek(period("2026-12-01", "2027-02-28"), schedule))
                .isEqualTo(Overlaps.weeklyHours(schedule))
                .isEqualTo(Duration.ofMinutes(14 * 60 + 45));
    }

    @Test
    void nightSlotIsSplitBetweenTheWeeksItSpans() {
        // 12-06 is the Sunday ending the week of 11-30; its night runs two hours into the week of 12-07.
        Schedule schedule = Schedule.ofDated(dated("2026-12-06", "22:00", "02:00"), dated("2026-12-07", "10:00", "11:00"));
        assertThat(Overlaps.maxHoursInAnyWeek(DECEMBER, schedule)).isEqualTo(Duration.ofHours(3));
        Schedule weeklyNight = Schedule.ofWeekly(weekly(SUNDAY, "22:00", "08:00"));
        // One Sunday in the period: 2 hours in its week, 8 in the next.
        assertThat(Overlaps.maxHoursInAnyWeek(period("2026-12-06", "2026-12-06"), weeklyNight))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void partialWeeksCountOnlyTheirDays() {
        Schedule schedule = Schedule.ofWeekly(weekly(MONDAY, "08:00", "12:00"), weekly(FRIDAY, "08:00", "12:00"));
        // Wednesday 12-02 .. Monday 12-07: one Friday in the first week, one Monday in the second.
        assertThat(Overlaps.maxHoursInAnyWeek(period("2026-12-02", "2026-12-07"), schedule))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void datedSlotsAddToTheirWeek() {
        Schedule schedule = new Schedule(
                List.of(weekly(MONDAY, "08:00", "12:00")),
                List.of(dated("2026-12-16", "08:00", "18:00"), dated("2026-12-17", "08:00", "10:00"),
                        dated("2026-12-22", "08:00", "09:00")));
        assertThat(Overlaps.maxHoursInAnyWeek(DECEMBER, schedule)).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void overlappingSlotsAreCountedOnce() {
        Schedule schedule = new Schedule(
                List.of(weekly(MONDAY, "08:00", "12:00")),
                List.of(dated("2026-12-07", "10:00", "14:00")));
        assertThat(Overlaps.maxHoursInAnyWeek(DECEMBER, schedule)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void noSlotsOrInvalidPeriodMeanNoHours() {
        assertThat(Overlaps.maxHoursInAnyWeek(DECEMBER, new Schedule(null, null))).isEqualTo(Duration.ZERO);
        assertThat(Overlaps.maxHoursInAnyWeek(period("2026-12-31", "2026-12-01"),
                Schedule.ofWeekly(weekly(MONDAY, "08:00", "12:00")))).isEqualTo(Duration.ZERO);
    }
}
