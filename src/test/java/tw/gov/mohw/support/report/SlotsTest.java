package tw.gov.mohw.support.report;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WeeklySlot, DatedSlot, Interval and Schedule. */
class SlotsTest {

    private static LocalTime t(String time) {
        return LocalTime.parse(time);
    }

    private static LocalDateTime at(String dateTime) {
        return LocalDateTime.parse(dateTime);
    }

    private static Interval interval(String start, String end) {
        return new Interval(at(start), at(end));
    }

    @Test
    void daytimeSlotLastsFromStartToEnd() {
        WeeklySlot slot = new WeeklySlot(MONDAY, t("13:30"), t("17:30"));
        assertThat(slot.crossesMidnight()).isFalse();
        assertThat(slot.length()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void nightSlotCrossesMidnight() {
        WeeklySlot slot = new WeeklySlot(SUNDAY, t("22:00"), t("08:00"));
        assertThat(slot.crossesMidnight()).isTrue();
        assertThat(slot.length()).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void slotEndingAtMidnightEndsOnTheNextDay() {
        WeeklySlot slot = new WeeklySlot(SUNDAY, t("22:00"), t("00:00"));
        assertThat(slot.crossesMidnight()).isTrue();
        assertThat(slot.length()).isEqualTo(Duration.ofHours(2));
        assertThat(slot.on(LocalDate.parse("2026-12-06"))).isEqualTo(interval("2026-12-06T22:00", "2026-12-07T00:00"));
    }

    @Test
    void slotStartingAtMidnightStaysOnItsDay() {
        WeeklySlot slot = new WeeklySlot(MONDAY, t("00:00"), t("08:00"));
        assertThat(slot.crossesMidnight()).isFalse();
        assertThat(slot.on(LocalDate.parse("2026-12-07"))).isEqualTo(interval("2026-12-07T00:00", "2026-12-07T08:00"));
    }

    @Test
    void almostFullDaySlotLasts23Hours59Minutes() {
        WeeklySlot slot = new WeeklySlot(MONDAY, t("00:01"), t("00:00"));
        assertThat(slot.length()).isEqualTo(Duration.ofHours(23).plusMinutes(59));
        assertThat(slot.on(LocalDate.parse("2026-12-07"))).isEqualTo(interval("2026-12-07T00:01", "2026-12-08T00:00"));
    }

    @Test
    void zeroLengthSlotHasNoOccurrence() {
        WeeklySlot slot = new WeeklySlot(MONDAY, t("09:00"), t("09:00"));
        assertThat(slot.crossesMidnight()).isFalse();
        assertThat(slot.length()).isEqualTo(Duration.ZERO);
        assertThatIllegalStateException().isThrownBy(() -> slot.on(LocalDate.parse("2026-12-07")));
        DatedSlot dated = new DatedSlot(LocalDate.parse("2026-12-07"), t("09:00"), t("09:00"));
        assertThat(dated.length()).isEqualTo(Duration.ZERO);
        assertThatIllegalStateException().isThrownBy(dated::interval);
    }

    @Test
    void weeklyOccurrenceOnTheWrongWeekdayIsRefused() {
        WeeklySlot slot = new WeeklySlot(MONDAY, t("09:00"), t("12:00"));
        assertThatIllegalArgumentException().isThrownBy(() -> slot.on(LocalDate.parse("2026-12-08")));
    }

    @Test
    void nightWeeklyOccurrenceEndsNextMorning() {
        WeeklySlot slot = new WeeklySlot(SUNDAY, t("22:00"), t("08:00"));
        assertThat(slot.on(LocalDate.parse("2026-12-06"))).isEqualTo(interval("2026-12-06T22:00", "2026-12-07T08:00"));
    }

    @Test
    void datedSlotIntervalFollowsTheMidnightRule() {
        assertThat(new DatedSlot(LocalDate.parse("2026-12-06"), t("22:00"), t("02:00")).interval())
                .isEqualTo(interval("2026-12-06T22:00", "2026-12-07T02:00"));
        assertThat(new DatedSlot(LocalDate.parse("2026-12-06"), t("08:00"), t("12:00")).interval())
                .isEqualTo(interval("2026-12-06T08:00", "2026-12-06T12:00"));
        DatedSlot night = new DatedSlot(LocalDate.parse("2026-12-31"), t("20:00"), t("06:30"));
        assertThat(night.crossesMidnight()).isTrue();
        assertThat(night.length()).isEqualTo(Duration.ofMinutes(630));
        assertThat(night.interval()).isEqualTo(interval("2026-12-31T20:00", "2027-01-01T06:30"));
    }

    @Test
    void slotsKeepNullComponentsForValidation() {
        WeeklySlot weekly = new WeeklySlot(null, null, null);
        DatedSlot dated = new DatedSlot(null, null, null);
        assertThat(weekly.day()).isNull();
        assertThat(dated.date()).isNull();
    }

    @Test
    void emptyOrReversedIntervalIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> interval("2026-12-07T09:00", "2026-12-07T09:00"));
        assertThatIllegalArgumentException().isThrownBy(() -> interval("2026-12-07T10:00", "2026-12-07T09:00"));
        assertThatNullPointerException().isThrownBy(() -> new Interval(null, at("2026-12-07T09:00")));
        assertThatNullPointerException().isThrownBy(() -> new Interval(at("2026-12-07T09:00"), null));
    }

    @Test
    void touchingIntervalsDoNotOverlap() {
        Interval morning = interval("2026-12-07T08:00", "2026-12-07T12:00");
        Interval afternoon = interval("2026-12-07T12:00", "2026-12-07T17:00");
        assertThat(morning.overlaps(afternoon)).isFalse();
        assertThat(afternoon.overlaps(morning)).isFalse();
        assertThat(morning.intersection(afternoon)).isEmpty();
    }

    @Test
    void intervalsSharingAMinuteOverlap() {
        Interval morning = interval("2026-12-07T08:00", "2026-12-07T12:01");
        Interval afternoon = interval("2026-12-07T12:00", "2026-12-07T17:00");
        assertThat(morning.overlaps(afternoon)).isTrue();
        assertThat(morning.intersection(afternoon)).contains(interval("2026-12-07T12:00", "2026-12-07T12:01"));
        assertThat(afternoon.intersection(morning)).contains(interval("2026-12-07T12:00", "2026-12-07T12:01"));
    }

    @Test
    void containedIntervalIsTheIntersection() {
        Interval day = interval("2026-12-07T00:00", "2026-12-08T00:00");
        Interval lunch = interval("2026-12-07T12:00", "2026-12-07T13:00");
        assertThat(day.overlaps(lunch)).isTrue();
        assertThat(day.intersection(lunch)).contains(lunch);
        assertThat(day.overlaps(day)).isTrue();
    }

    @Test
    void intervalIsHalfOpen() {
        Interval morning = interval("2026-12-07T08:00", "2026-12-07T12:00");
        assertThat(morning.contains(at("2026-12-07T08:00"))).isTrue();
        assertThat(morning.contains(at("2026-12-07T11:59:59.999"))).isTrue();
        assertThat(morning.contains(at("2026-12-07T12:00"))).isFalse();
        assertThat(morning.contains(at("2026-12-07T07:59"))).isFalse();
        assertThat(morning.duration()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void scheduleTurnsNullListsIntoEmptyOnes() {
        Schedule schedule = new Schedule(null, null);
        assertThat(schedule.weekly()).isEmpty();
        assertThat(schedule.dated()).isEmpty();
    }

    @Test
    void scheduleCopiesItsListsAndKeepsThemUnmodifiable() {
        List<WeeklySlot> weekly = new ArrayList<>(List.of(new WeeklySlot(MONDAY, t("09:00"), t("12:00"))));
        List<DatedSlot> dated = new ArrayList<>();
        Schedule schedule = new Schedule(weekly, dated);
        weekly.clear();
        dated.add(new DatedSlot(LocalDate.parse("2026-12-07"), t("09:00"), t("12:00")));
        assertThat(schedule.weekly()).hasSize(1);
        assertThat(schedule.dated()).isEmpty();
        assertThatThrownBy(() -> schedule.weekly().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> schedule.dated().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void scheduleKeepsNullSlotsForValidation() {
        Schedule schedule = new Schedule(Arrays.asList((WeeklySlot) null), Arrays.asList((DatedSlot) null));
        assertThat(schedule.weekly()).containsExactly((WeeklySlot) null);
        assertThat(schedule.dated()).containsExactly((DatedSlot) null);
    }

    @Test
    void schedulesWithTheSameSlotsAreEqual() {
        WeeklySlot slot = new WeeklySlot(MONDAY, t("09:00"), t("12:00"));
        assertThat(Schedule.ofWeekly(slot)).isEqualTo(new Schedule(List.of(slot), null));
        DatedSlot dated = new DatedSlot(LocalDate.parse("2026-12-07"), t("09:00"), t("12:00"));
        assertThat(Schedule.ofDated(dated)).isEqualTo(new Schedule(null, List.of(dated)));
    }
}
