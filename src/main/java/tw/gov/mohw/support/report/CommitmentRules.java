package tw.gov.mohw.support.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.shared.Violation;

/**
 * Rules 4 and 5 of docs/domain.md, which look at the person's other live reports ({@link Lifecycle#live}): they are
 * in {@link SubmissionRules#RULES} with the others. The other reports are read under the person's lock, so two
 * filings for one person cannot both pass them.
 */
final class CommitmentRules {

    static final String OVERLAP = "schedule.overlap";

    private CommitmentRules() {}

    /**
     * Rule 4: no two live reports of one person may share an instant, across all institutions — dates, weekdays,
     * specific dates and slots past midnight taken into account. Names the first clash and the report it meets.
     */
    static void noDoubleBooking(SubmissionRules.Submission s, List<Violation> out) {
        Period period = s.particulars().period();
        if (period.start().isAfter(period.end())) {
            return; // already reported by the schedule rule
        }
        for (LiveCommitment c : s.others()) {
            Optional<Interval> overlap = Overlaps.firstOverlap(period, s.particulars().schedule(), c.period(),
                    c.schedule());
            if (overlap.isPresent()) {
                Interval at = overlap.get();
                out.add(Violation.of("schedule", OVERLAP, c.caseNumber(), c.reportId(),
                        RocDates.formatShort(at.start().toLocalDate()) + " " + at.start().toLocalTime(),
                        RocDates.formatShort(at.end().toLocalDate()) + " " + at.end().toLocalTime()));
                return;
            }
        }
    }

    /**
     * Rule 5: with a cap configured for the category or profession, the person's support hours in any
     * Monday-to-Sunday week of the new period, counting every live report, stay within it. Their hours add up
     * because reports never overlap, so this rule says nothing while rule 4 finds a clash (it runs after it); of a
     * report with a change waiting, the larger of its two versions counts.
     */
    static void weeklyHoursWithinCap(SubmissionRules.Submission s, List<Violation> out) {
        Period period = s.particulars().period();
        String profession = s.registration().map(r -> r.professionCode()).orElse(s.practitioner().professionCode());
        Integer cap = s.parameters().weeklyHoursCap(s.category(), profession);
        if (cap == null || period.start().isAfter(period.end())
                || out.stream().anyMatch(v -> v.messageKey().equals(OVERLAP))) {
            return;
        }
        LocalDate firstMonday = monday(period.start());
        LocalDate lastMonday = monday(period.end());
        Map<LocalDate, Long> total = minutesPerWeek(Overlaps.intervals(period, s.particulars().schedule(), firstMonday,
                lastMonday.plusDays(6)), firstMonday, lastMonday);
        Map<Long, Map<LocalDate, Long>> mostPerReport = new HashMap<>();
        for (LiveCommitment c : s.others()) {
            Map<LocalDate, Long> weeks = minutesPerWeek(Overlaps.intervals(c.period(), c.schedule(), firstMonday,
                    lastMonday.plusDays(6)), firstMonday, lastMonday);
            Map<LocalDate, Long> most = mostPerReport.computeIfAbsent(c.reportId(), id -> new HashMap<>());
            weeks.forEach((week, minutes) -> most.merge(week, minutes, Math::max));
        }
        mostPerReport.values().forEach(weeks -> weeks.forEach((week, minutes) -> total.merge(week, minutes, Long::sum)));
        long most = total.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (most > cap * 60L) {
            out.add(Violation.of("schedule", "schedule.hours.over.cap", cap, most / 60.0));
        }
    }

    /** Minutes per week (keyed by Monday) from {@code firstMonday} to {@code lastMonday}; a slot past Sunday midnight is split. */
    private static Map<LocalDate, Long> minutesPerWeek(List<Interval> intervals, LocalDate firstMonday,
            LocalDate lastMonday) {
        Map<LocalDate, Long> minutes = new HashMap<>();
        for (Interval i : intervals) {
            LocalDateTime from = i.start();
            while (from.isBefore(i.end())) {
                LocalDate week = monday(from.toLocalDate());
                LocalDateTime weekEnd = week.plusDays(7).atStartOfDay();
                LocalDateTime to = i.end().isBefore(weekEnd) ? i.end() : weekEnd;
                if (!week.isBefore(firstMonday) && !week.isAfter(lastMonday)) {
                    minutes.merge(week, Duration.between(from, to).toMinutes(), Long::sum);
                }
                from = to;
            }
        }
        return minutes;
    }

    static LocalDate monday(LocalDate day) {
        return day.minusDays(day.getDayOfWeek().getValue() - 1L);
    }
}
