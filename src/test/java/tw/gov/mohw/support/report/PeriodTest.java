package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static Period period(String start, String end) {
        return new Period(LocalDate.parse(start), LocalDate.parse(end));
    }

    @Test
    void requiresBothDates() {
        assertThatNullPointerException().isThrownBy(() -> new Period(null, LocalDate.of(2026, 1, 1)));
        assertThatNullPointerException().isThrownBy(() -> new Period(LocalDate.of(2026, 1, 1), null));
    }

    @Test
    void startAfterEndIsLeftToValidation() {
        Period reversed = period("2026-03-10", "2026-03-01");
        assertThat(reversed.start()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(reversed.end()).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void containsBothEndsAndNothingOutside() {
        Period period = period("2026-03-01", "2026-03-10");
        assertThat(period.contains(LocalDate.parse("2026-03-01"))).isTrue();
        assertThat(period.contains(LocalDate.parse("2026-03-05"))).isTrue();
        assertThat(period.contains(LocalDate.parse("2026-03-10"))).isTrue();
        assertThat(period.contains(LocalDate.parse("2026-02-28"))).isFalse();
        assertThat(period.contains(LocalDate.parse("2026-03-11"))).isFalse();
    }

    @Test
    void daysCountsBothEnds() {
        assertThat(period("2026-03-01", "2026-03-01").days()).isEqualTo(1);
        assertThat(period("2026-03-01", "2026-03-10").days()).isEqualTo(10);
        assertThat(period("2026-01-01", "2026-12-31").days()).isEqualTo(365);
        assertThat(period("2028-01-01", "2028-12-31").days()).isEqualTo(366);
        assertThat(period("2026-02-27", "2026-03-02").days()).isEqualTo(4);
    }

    @Test
    void overlappingPeriodsIntersectOnTheSharedDays() {
        Period a = period("2026-03-01", "2026-03-10");
        Period b = period("2026-03-08", "2026-04-01");
        assertThat(a.intersection(b)).contains(period("2026-03-08", "2026-03-10"));
        assertThat(b.intersection(a)).contains(period("2026-03-08", "2026-03-10"));
    }

    @Test
    void periodsSharingOneDayIntersectOnThatDay() {
        Period a = period("2026-03-01", "2026-03-10");
        Period b = period("2026-03-10", "2026-03-20");
        assertThat(a.intersection(b)).contains(period("2026-03-10", "2026-03-10"));
    }

    @Test
    void containedPeriodIsTheIntersection() {
        Period outer = period("2026-01-01", "2026-12-31");
        Period inner = period("2026-05-01", "2026-05-31");
        assertThat(outer.intersection(inner)).contains(inner);
        assertThat(inner.intersection(outer)).contains(inner);
    }

    @Test
    void adjacentPeriodsDoNotIntersect() {
        Period a = period("2026-03-01", "2026-03-10");
        Period b = period("2026-03-11", "2026-03-20");
        assertThat(a.intersection(b)).isEmpty();
        assertThat(b.intersection(a)).isEmpty();
    }

    @Test
    void threeDayPeriodWithoutMondayHasNoMonday() {
        Period friToSun = period("2026-12-04", "2026-12-06");
        assertThat(friToSun.start().getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(friToSun.hasWeekday(DayOfWeek.FRIDAY)).isTrue();
        assertThat(friToSun.hasWeekday(DayOfWeek.SATURDAY)).isTrue();
        assertThat(friToSun.hasWeekday(DayOfWeek.SUNDAY)).isTrue();
        assertThat(friToSun.hasWeekday(DayOfWeek.MONDAY)).isFalse();
        assertThat(friToSun.hasWeekday(DayOfWeek.THURSDAY)).isFalse();
    }

    @Test
    void weekLongPeriodHasEveryWeekday() {
        Period week = period("2026-12-02", "2026-12-08");
        for (DayOfWeek day : DayOfWeek.values()) {
            assertThat(week.hasWeekday(day)).as(day.toString()).isTrue();
        }
        Period sixDays = period("2026-12-02", "2026-12-07");
        assertThat(sixDays.hasWeekday(DayOfWeek.TUESDAY)).isFalse();
    }

    @Test
    void reversedPeriodHasNoWeekday() {
        assertThat(period("2026-12-10", "2026-12-01").hasWeekday(DayOfWeek.MONDAY)).isFalse();
    }
}
