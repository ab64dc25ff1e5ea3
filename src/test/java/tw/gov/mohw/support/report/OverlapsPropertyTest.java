package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random small commitments compared with a brute-force reference that marks every active minute. Times are minute
 * precision, so minute-by-minute is exact.
 */
class OverlapsPropertyTest {

    /** A Monday, so minute index / (7 × 1440) is the calendar week. */
    private static final LocalDate BASE = LocalDate.parse("2026-11-30");
    private static final int RANGE_DAYS = 35;
    /** Room for the last day's night slot running into the next morning. */
    private static final int MINUTES = (RANGE_DAYS + 2) * 1440;
    private static final int PAIRS = 3000;

    private record Commitment(Period period, Schedule schedule) {}

    @Test
    void firstOverlapAgreesWithMinuteByMinuteReference() {
        Random random = new Random(20261206L);
        int met = 0;
        int apart = 0;
        for (int n = 0; n < PAIRS; n++) {
            Commitment a = randomCommitment(random);
            // Half the pairs start near each other, so that they meet often enough.
            Commitment b = random.nextBoolean()
                    ? randomCommitment(random)
                    : randomCommitment(random, a.period().start().plusDays(random.nextInt(7) - 3));
            Optional<Interval> expected = referenceFirstOverlap(minutes(a), minutes(b));
            Optional<Interval> actual = Overlaps.firstOverlap(a.period(), a.schedule(), b.period(), b.schedule());
            assertThat(actual).as("pair %d: %s / %s", n, a, b).isEqualTo(expected);
            assertThat(Overlaps.firstOverlap(b.period(), b.schedule(), a.period(), a.schedule()))
                    .as("pair %d reversed", n).isEqualTo(actual);
            if (expected.isPresent()) {
                met++;
            } else {
                apart++;
            }
        }
        // The generator must exercise both outcomes.
        assertThat(met).isGreaterThan(PAIRS / 10);
        assertThat(apart).isGreaterThan(PAIRS / 5);
    }

    @Test
    void intervalsCoverExactlyTheActiveMinutes() {
        Random random = new Random(7L);
        for (int n = 0; n < PAIRS; n++) {
            Commitment c = randomCommitment(random);
            LocalDate from = BASE.plusDays(random.nextInt(RANGE_DAYS));
            LocalDate to = from.plusDays(random.nextInt(8));
            List<Interval> intervals = Overlaps.intervals(c.period(), c.schedule(), from, to);
            assertThat(intervals).isSortedAccordingTo(Overlaps.BY_START);

            boolean[] covered = new boolean[MINUTES];
            for (Interval interval : intervals) {
                assertThat(interval.end().isAfter(from.atStartOfDay())
                        && interval.start().isBefore(to.plusDays(1).atStartOfDay()))
                        .as("%s intersects the window", interval).isTrue();
                for (int m = index(interval.start()); m < index(interval.end()); m++) {
                    covered[m] = true;
                }
            }
            boolean[] active = minutes(c);
            int windowStart = index(from.atStartOfDay());
            int windowEnd = Math.min(MINUTES, index(to.plusDays(1).atStartOfDay()));
            int mismatch = windowStart;
            while (mismatch < windowEnd && covered[mismatch] == active[mismatch]) {
                mismatch++;
            }
            assertThat(mismatch).as("commitment %s, first wrong minute %s", c, time(mismatch)).isEqualTo(windowEnd);
        }
    }

    @Test
    void maxHoursInAnyWeekAgreesWithMinuteByMinuteReference() {
        Random random = new Random(42L);
        for (int n = 0; n < PAIRS; n++) {
            Commitment c = randomCommitment(random);
            boolean[] active = minutes(c);
            int[] perWeek = new int[MINUTES / (7 * 1440) + 1];
            for (int m = 0; m < MINUTES; m++) {
                if (active[m]) {
                    perWeek[m / (7 * 1440)]++;
                }
            }
            int max = 0;
            for (int week : perWeek) {
                max = Math.max(max, week);
            }
            assertThat(Overlaps.maxHoursInAnyWeek(c.period(), c.schedule()))
                    .as("commitment %s", c).isEqualTo(Duration.ofMinutes(max));
        }
    }

    @Test
    void selfOverlapIsReportedExactlyWhenTwoSlotsShareAMinute() {
        Random random = new Random(99L);
        int overlapping = 0;
        for (int n = 0; n < PAIRS; n++) {
            Commitment c = randomCommitment(random);
            if (c.schedule().weekly().isEmpty() && c.schedule().dated().isEmpty()) {
                continue;
            }
            int[] count = new int[MINUTES];
            for (Schedule single : singleSlots(c.schedule())) {
                boolean[] active = minutes(new Commitment(c.period(), single));
                for (int m = 0; m < MINUTES; m++) {
                    if (active[m]) {
                        count[m]++;
                    }
                }
            }
            boolean expected = false;
            for (int m = 0; m < MINUTES && !expected; m++) {
                expected = count[m] > 1;
            }
            boolean reported = ScheduleRules.validate(c.period(), c.schedule()).stream()
                    .anyMatch(v -> v.messageKey().equals("schedule.self.overlap"));
            assertThat(reported).as("commitment %s", c).isEqualTo(expected);
            if (expected) {
                overlapping++;
            }
        }
        assertThat(overlapping).isGreaterThan(PAIRS / 10);
    }

    // ---- generator ----

    private static Commitment randomCommitment(Random random) {
        return randomCommitment(random, BASE.plusDays(random.nextInt(RANGE_DAYS - 1)));
    }

    private static Commitment randomCommitment(Random random, LocalDate near) {
        LocalDate last = BASE.plusDays(RANGE_DAYS - 1);
        LocalDate start = near.isBefore(BASE) ? BASE : near.isAfter(last) ? last : near;
        int maxLength = (int) ChronoUnit.DAYS.between(start, last) + 1;
        int length = 1 + random.nextInt(Math.min(maxLength, random.nextBoolean() ? 4 : 21));
        Period period = new Period(start, start.plusDays(length - 1));
        List<WeeklySlot> weekly = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            LocalTime[] times = randomTimes(random);
            DayOfWeek day = random.nextInt(3) == 0
                    ? DayOfWeek.of(1 + random.nextInt(7))
                    : period.start().plusDays(random.nextInt(length)).getDayOfWeek();
            weekly.add(new WeeklySlot(day, times[0], times[1]));
        }
        List<DatedSlot> dated = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            LocalTime[] times = randomTimes(random);
            dated.add(new DatedSlot(period.start().plusDays(random.nextInt(length)), times[0], times[1]));
        }
        return new Commitment(period, new Schedule(weekly, dated));
    }

    /** Start and end, different; half-hour steps mostly so that touching and equal bounds are common. */
    private static LocalTime[] randomTimes(Random random) {
        while (true) {
            LocalTime start = randomTime(random);
            LocalTime end = random.nextInt(4) == 0
                    ? randomTime(random)
                    : start.plusMinutes(30L * (1 + random.nextInt(random.nextBoolean() ? 8 : 40)));
            if (!start.equals(end)) {
                return new LocalTime[] {start, end};
            }
        }
    }

    private static LocalTime randomTime(Random random) {
        int minute = random.nextInt(5) == 0 ? random.nextInt(60) : 30 * random.nextInt(2);
        return LocalTime.of(random.nextInt(24), minute);
    }

    private static List<Schedule> singleSlots(Schedule schedule) {
        List<Schedule> singles = new ArrayList<>();
        schedule.weekly().forEach(slot -> singles.add(Schedule.ofWeekly(slot)));
        schedule.dated().forEach(slot -> singles.add(Schedule.ofDated(slot)));
        return singles;
    }

    // ---- reference ----

    /** Every minute (from BASE 00:00) during which the commitment is active, computed without Overlaps. */
    private static boolean[] minutes(Commitment c) {
        boolean[] active = new boolean[MINUTES];
        for (LocalDate date = c.period().start(); !date.isAfter(c.period().end()); date = date.plusDays(1)) {
            for (WeeklySlot slot : c.schedule().weekly()) {
                if (slot.day() == date.getDayOfWeek()) {
                    mark(active, date, slot.start(), slot.end());
                }
            }
            for (DatedSlot slot : c.schedule().dated()) {
                if (slot.date().equals(date)) {
                    mark(active, date, slot.start(), slot.end());
                }
            }
        }
        return active;
    }

    private static void mark(boolean[] active, LocalDate date, LocalTime start, LocalTime end) {
        int startMinute = start.getHour() * 60 + start.getMinute();
        int endMinute = end.getHour() * 60 + end.getMinute();
        int length = endMinute > startMinute ? endMinute - startMinute : endMinute + 1440 - startMinute;
        int from = (int) ChronoUnit.DAYS.between(BASE, date) * 1440 + startMinute;
        for (int m = from; m < from + length; m++) {
            active[m] = true;
        }
    }

    /** The first maximal run of minutes during which both are active. */
    private static Optional<Interval> referenceFirstOverlap(boolean[] a, boolean[] b) {
        for (int m = 0; m < MINUTES; m++) {
            if (a[m] && b[m]) {
                int end = m;
                while (end < MINUTES && a[end] && b[end]) {
                    end++;
                }
                return Optional.of(new Interval(time(m), time(end)));
            }
        }
        return Optional.empty();
    }

    private static LocalDateTime time(int minute) {
        return BASE.atStartOfDay().plusMinutes(minute);
    }

    private static int index(LocalDateTime time) {
        return (int) ChronoUnit.MINUTES.between(BASE.atStartOfDay(), time);
    }
}
