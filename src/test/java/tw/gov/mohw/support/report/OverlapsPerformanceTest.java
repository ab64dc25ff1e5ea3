package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sanity bound, generous enough never to flake: the real cost is well under a millisecond per comparison. */
class OverlapsPerformanceTest {

    private static final Period YEAR = new Period(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    private static final Period NEXT_YEAR = new Period(LocalDate.parse("2026-07-01"), LocalDate.parse("2027-06-30"));

    /** 20 two-hour slots over the week (3 per weekday, minus one), every one starting {@code offsetHours} later. */
    private static Schedule twentySlots(int offsetHours) {
        List<WeeklySlot> slots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LocalTime start = LocalTime.of((i / 7) * 8 + offsetHours, 0);
            slots.add(new WeeklySlot(DayOfWeek.of(i % 7 + 1), start, start.plusHours(2)));
        }
        return new Schedule(slots, null);
    }

    @Test
    void twoYearLongSchedulesWithTwentyWeeklySlotsCompareQuickly() {
        // Touching but never overlapping: the worst case, every occurrence of the year is examined.
        Schedule a = twentySlots(0);
        Schedule b = twentySlots(2);
        assertThat(ScheduleRules.validate(YEAR, a)).isEmpty();
        assertThat(ScheduleRules.validate(YEAR, b)).isEmpty();
        Schedule c = twentySlots(1);

        for (int i = 0; i < 200; i++) {
            Overlaps.firstOverlap(YEAR, a, NEXT_YEAR, b);
            Overlaps.firstOverlap(YEAR, a, YEAR, c);
        }

        int runs = 50;
        long worst = 0;
        long total = 0;
        Optional<Interval> apart = Optional.empty();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            apart = Overlaps.firstOverlap(YEAR, a, YEAR, b);
            long elapsed = System.nanoTime() - started;
            worst = Math.max(worst, elapsed);
            total += elapsed;
        }
        assertThat(apart).isEmpty();
        assertThat(total / runs / 1_000_000).as("average ms").isLessThan(200);
        assertThat(worst / 1_000_000).as("worst ms").isLessThan(1_000);

        long started = System.nanoTime();
        Optional<Interval> met = Overlaps.firstOverlap(YEAR, a, YEAR, c);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);
        assertThat(met).isPresent();
    }

    @Test
    void validatingAFullYearSchedulesIsQuick() {
        List<WeeklySlot> weekly = new ArrayList<>(twentySlots(0).weekly());
        List<DatedSlot> dated = new ArrayList<>();
        for (int i = 0; i < 365; i++) {
            dated.add(new DatedSlot(YEAR.start().plusDays(i), LocalTime.of(22, 30), LocalTime.of(23, 30)));
        }
        Schedule schedule = new Schedule(weekly, dated);
        for (int i = 0; i < 50; i++) {
            ScheduleRules.validate(YEAR, schedule);
        }
        long started = System.nanoTime();
        assertThat(ScheduleRules.validate(YEAR, schedule)).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);
    }
}
