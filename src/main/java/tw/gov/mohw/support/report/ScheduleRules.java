package tw.gov.mohw.support.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tw.gov.mohw.support.shared.Violation;

/**
 * The shape rules of a report's period and schedule (rule 3's "start ≤ end" and the schedule's own consistency).
 * Each broken rule is a {@link Violation} whose field is the path the JSON client uses
 * ({@code period.end}, {@code schedule.weekly[2].day}, {@code schedule.dated[0]}).
 *
 * <p>Message keys: {@code period.required}, {@code period.end.before.start}, {@code schedule.empty},
 * {@code schedule.weekly.too.many} (arg: the maximum), {@code schedule.dated.too.many} (arg: the maximum),
 * {@code slot.required}, {@code slot.time.minutes}, {@code slot.zero.length}, {@code slot.date.outside.period},
 * {@code slot.day.not.in.period}, {@code schedule.self.overlap} (on the later slot; arg: the path of the earliest
 * slot it overlaps, e.g. {@code schedule.weekly[0]}).
 *
 * <p>Rules that need configuration or other reports (period length per category, not in the past, double booking
 * against other reports, hours cap) are not here.
 */
public final class ScheduleRules {

    public static final int MAX_WEEKLY_SLOTS = 50;
    public static final int MAX_DATED_SLOTS = 366;

    private ScheduleRules() {}

    /** Every violation, in field order (period, schedule, weekly slots, dated slots, then self-overlaps). */
    public static List<Violation> validate(Period period, Schedule schedule) {
        List<Violation> violations = new ArrayList<>();
        boolean periodValid = false;
        if (period == null) {
            violations.add(Violation.of("period", "period.required"));
        } else if (period.start().isAfter(period.end())) {
            violations.add(Violation.of("period.end", "period.end.before.start"));
        } else {
            periodValid = true;
        }

        List<WeeklySlot> weekly = schedule == null ? List.of() : schedule.weekly();
        List<DatedSlot> dated = schedule == null ? List.of() : schedule.dated();
        if (weekly.isEmpty() && dated.isEmpty()) {
            violations.add(Violation.of("schedule", "schedule.empty"));
            return violations;
        }
        boolean weeklyTooMany = weekly.size() > MAX_WEEKLY_SLOTS;
        boolean datedTooMany = dated.size() > MAX_DATED_SLOTS;
        if (weeklyTooMany) {
            violations.add(Violation.of("schedule.weekly", "schedule.weekly.too.many", MAX_WEEKLY_SLOTS));
        }
        if (datedTooMany) {
            violations.add(Violation.of("schedule.dated", "schedule.dated.too.many", MAX_DATED_SLOTS));
        }

        // Slots taking part in the self-overlap check; per-slot checks of an oversized list are skipped.
        boolean[] weeklyUsable = new boolean[weeklyTooMany ? 0 : weekly.size()];
        boolean[] datedUsable = new boolean[datedTooMany ? 0 : dated.size()];
        for (int i = 0; i < weeklyUsable.length; i++) {
            weeklyUsable[i] = checkWeekly(weekly.get(i), weeklyPath(i), periodValid ? period : null, violations);
        }
        for (int i = 0; i < datedUsable.length; i++) {
            datedUsable[i] = checkDated(dated.get(i), datedPath(i), periodValid ? period : null, violations);
        }

        if (periodValid && !weeklyTooMany && !datedTooMany) {
            selfOverlaps(period, weekly, weeklyUsable, dated, datedUsable).forEach((later, earlier) ->
                    violations.add(Violation.of(path(later, weekly.size()), "schedule.self.overlap",
                            path(earlier, weekly.size()))));
        }
        return violations;
    }

    private static boolean checkWeekly(WeeklySlot slot, String path, Period period, List<Violation> violations) {
        if (slot == null) {
            violations.add(Violation.of(path, "slot.required"));
            return false;
        }
        boolean complete = required(slot.day(), path + ".day", violations);
        complete &= checkTime(slot.start(), path + ".start", violations);
        complete &= checkTime(slot.end(), path + ".end", violations);
        if (!complete) {
            return false;
        }
        if (slot.start().equals(slot.end())) {
            violations.add(Violation.of(path, "slot.zero.length"));
            return false;
        }
        if (period != null && !period.hasWeekday(slot.day())) {
            violations.add(Violation.of(path + ".day", "slot.day.not.in.period"));
            return false;
        }
        return true;
    }

    private static boolean checkDated(DatedSlot slot, String path, Period period, List<Violation> violations) {
        if (slot == null) {
            violations.add(Violation.of(path, "slot.required"));
            return false;
        }
        boolean complete = required(slot.date(), path + ".date", violations);
        complete &= checkTime(slot.start(), path + ".start", violations);
        complete &= checkTime(slot.end(), path + ".end", violations);
        if (!complete) {
            return false;
        }
        if (slot.start().equals(slot.end())) {
            violations.add(Violation.of(path, "slot.zero.length"));
            return false;
        }
        if (period != null && !period.contains(slot.date())) {
            violations.add(Violation.of(path + ".date", "slot.date.outside.period"));
            return false;
        }
        return true;
    }

    private static boolean required(Object value, String path, List<Violation> violations) {
        if (value == null) {
            violations.add(Violation.of(path, "slot.required"));
            return false;
        }
        return true;
    }

    /** Present; a time with seconds is reported but still usable (it is a precise instant all the same). */
    private static boolean checkTime(LocalTime time, String path, List<Violation> violations) {
        if (!required(time, path, violations)) {
            return false;
        }
        if (time.getSecond() != 0 || time.getNano() != 0) {
            violations.add(Violation.of(path, "slot.time.minutes"));
        }
        return true;
    }

    /**
     * Pairs of slots of one schedule that are active at the same instant, as later slot → earliest slot it meets.
     * Slots are numbered weekly first (0..w-1), then dated (w..). Exact without expanding the whole period: two
     * weekly slots that meet somewhere in a period of eight days or more already meet in its first eight days
     * (every weekday, and every pair of consecutive weekdays, occurs there), and a weekly slot can meet a dated slot
     * only on the dated slot's date or the day before or after.
     */
    private static Map<Integer, Integer> selfOverlaps(Period period, List<WeeklySlot> weekly, boolean[] weeklyUsable,
            List<DatedSlot> dated, boolean[] datedUsable) {
        Map<DayOfWeek, List<Integer>> weeklyByDay = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < weekly.size(); i++) {
            if (weeklyUsable[i]) {
                weeklyByDay.computeIfAbsent(weekly.get(i).day(), d -> new ArrayList<>()).add(i);
            }
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        LocalDate firstWeekEnd = period.start().plusDays(7);
        for (LocalDate date = period.start();
                !date.isAfter(period.end()) && !date.isAfter(firstWeekEnd);
                date = date.plusDays(1)) {
            dates.add(date);
        }
        List<Occurrence> occurrences = new ArrayList<>();
        for (int j = 0; j < dated.size(); j++) {
            if (datedUsable[j]) {
                DatedSlot slot = dated.get(j);
                occurrences.add(new Occurrence(slot.interval(), weekly.size() + j));
                for (int offset = -1; offset <= 1; offset++) {
                    LocalDate near = slot.date().plusDays(offset);
                    if (period.contains(near)) {
                        dates.add(near);
                    }
                }
            }
        }
        for (LocalDate date : dates) {
            for (int i : weeklyByDay.getOrDefault(date.getDayOfWeek(), List.of())) {
                occurrences.add(new Occurrence(weekly.get(i).on(date), i));
            }
        }
        occurrences.sort(Comparator.comparing((Occurrence o) -> o.interval().start())
                .thenComparing(o -> o.interval().end()));

        Map<Integer, Integer> laterToEarliest = new TreeMap<>();
        List<Occurrence> active = new ArrayList<>();
        for (Occurrence occurrence : occurrences) {
            active.removeIf(a -> !a.interval().end().isAfter(occurrence.interval().start()));
            for (Occurrence other : active) {
                if (other.source() != occurrence.source()) {
                    int later = Math.max(other.source(), occurrence.source());
                    int earlier = Math.min(other.source(), occurrence.source());
                    laterToEarliest.merge(later, earlier, Math::min);
                }
            }
            active.add(occurrence);
        }
        return laterToEarliest;
    }

    private record Occurrence(Interval interval, int source) {}

    private static String path(int source, int weeklyCount) {
        return source < weeklyCount ? weeklyPath(source) : datedPath(source - weeklyCount);
    }

    private static String weeklyPath(int index) {
        return "schedule.weekly[" + index + "]";
    }

    private static String datedPath(int index) {
        return "schedule.dated[" + index + "]";
    }
}
