package tw.gov.mohw.support.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a commitment (period + schedule) is active, and where two commitments meet: the core of rule 4 (no double
 * booking) and rule 5 (weekly hours cap).
 *
 * <p>A commitment is active during each weekly slot's occurrence on every matching date inside its period (an
 * occurrence starting on the period's last day and crossing midnight still runs into the next morning) and during
 * each dated slot whose date is inside its period. Slots that validation would refuse for their shape (a
 * {@code null} slot or field, zero length) and dated slots outside the period are ignored here: the methods are meant
 * for schedules that {@link ScheduleRules#validate} accepted, and stay well-defined for others.
 */
public final class Overlaps {

    static final Comparator<Interval> BY_START =
            Comparator.comparing(Interval::start).thenComparing(Interval::end);

    private Overlaps() {}

    /**
     * The concrete occurrences of the schedule that intersect [{@code from} 00:00, {@code to}+1 00:00), sorted by
     * start (then end). Occurrences are not clipped to that window. Only dates in
     * [max(period.start, from−1), min(period.end, to)] are expanded, so a short window over a long period is cheap.
     */
    public static List<Interval> intervals(Period period, Schedule schedule, LocalDate from, LocalDate to) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            return List.of();
        }
        LocalDateTime windowStart = from.atStartOfDay();
        LocalDateTime windowEnd = to.plusDays(1).atStartOfDay();
        List<Interval> result = new ArrayList<>();

        LocalDate first = max(period.start(), from.minusDays(1));
        LocalDate last = min(period.end(), to);
        if (!first.isAfter(last)) {
            for (WeeklySlot slot : schedule.weekly()) {
                if (slot == null || !slot.usable()) {
                    continue;
                }
                for (LocalDate date = first.with(TemporalAdjusters.nextOrSame(slot.day()));
                        !date.isAfter(last);
                        date = date.plusWeeks(1)) {
                    addIfInWindow(result, slot.on(date), windowStart, windowEnd);
                }
            }
        }
        for (DatedSlot slot : schedule.dated()) {
            if (slot != null && slot.usable() && !period.start().isAfter(period.end()) && period.contains(slot.date())) {
                addIfInWindow(result, slot.interval(), windowStart, windowEnd);
            }
        }
        result.sort(BY_START);
        return Collections.unmodifiableList(result);
    }

    /**
     * The first maximal time range during which both commitments are active, or empty when they never are at the
     * same instant. Touching occurrences do not meet. Within one commitment, occurrences that touch or overlap count
     * as one continuous stretch (Sunday 22:00–00:00 followed by Monday 00:00–08:00 is one stretch), so the result is
     * the same whichever commitment is given first.
     */
    public static Optional<Interval> firstOverlap(Period pa, Schedule sa, Period pb, Schedule sb) {
        Objects.requireNonNull(pa, "pa");
        Objects.requireNonNull(sa, "sa");
        Objects.requireNonNull(pb, "pb");
        Objects.requireNonNull(sb, "sb");
        // A commitment is active only on its period's dates and the morning after the last one.
        LocalDate from = max(pa.start(), pb.start());
        LocalDate to = min(pa.end(), pb.end()).plusDays(1);
        if (from.isAfter(to)) {
            return Optional.empty();
        }
        List<Interval> a = coalesce(intervals(pa, sa, from, to));
        List<Interval> b = coalesce(intervals(pb, sb, from, to));
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Interval x = a.get(i);
            Interval y = b.get(j);
            if (x.overlaps(y)) {
                return x.intersection(y);
            }
            if (x.end().isAfter(y.end())) {
                j++;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    /** The sum of the weekly slots' lengths (a slot crossing midnight counts whole): the hours of a full week. */
    public static Duration weeklyHours(Schedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        Duration total = Duration.ZERO;
        for (WeeklySlot slot : schedule.weekly()) {
            if (slot != null && slot.usable()) {
                total = total.plus(slot.length());
            }
        }
        return total;
    }

    /**
     * The most time the commitment is active in any Monday-to-Sunday calendar week, weekly and dated slots together.
     * An occurrence crossing from Sunday into Monday counts in each week for the part that falls in it; overlapping
     * occurrences are counted once. {@link Duration#ZERO} for an empty schedule or an invalid period.
     */
    public static Duration maxHoursInAnyWeek(Period period, Schedule schedule) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(schedule, "schedule");
        if (period.start().isAfter(period.end())) {
            return Duration.ZERO;
        }
        Map<LocalDate, Duration> perWeek = new HashMap<>();
        for (Interval interval : coalesce(intervals(period, schedule, period.start(), period.end().plusDays(1)))) {
            LocalDateTime cursor = interval.start();
            while (cursor.isBefore(interval.end())) {
                LocalDate monday = cursor.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDateTime weekEnd = monday.plusWeeks(1).atStartOfDay();
                LocalDateTime segmentEnd = weekEnd.isBefore(interval.end()) ? weekEnd : interval.end();
                perWeek.merge(monday, Duration.between(cursor, segmentEnd), Duration::plus);
                cursor = segmentEnd;
            }
        }
        return perWeek.values().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /** Sorted intervals merged where they overlap or touch: disjoint, sorted, maximal stretches. */
    static List<Interval> coalesce(List<Interval> sorted) {
        List<Interval> result = new ArrayList<>(sorted.size());
        LocalDateTime start = null;
        LocalDateTime end = null;
        for (Interval interval : sorted) {
            if (start != null && !interval.start().isAfter(end)) {
                if (interval.end().isAfter(end)) {
                    end = interval.end();
                }
            } else {
                if (start != null) {
                    result.add(new Interval(start, end));
                }
                start = interval.start();
                end = interval.end();
            }
        }
        if (start != null) {
            result.add(new Interval(start, end));
        }
        return result;
    }

    private static void addIfInWindow(List<Interval> result, Interval interval, LocalDateTime from, LocalDateTime to) {
        if (interval.end().isAfter(from) && interval.start().isBefore(to)) {
            result.add(interval);
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
