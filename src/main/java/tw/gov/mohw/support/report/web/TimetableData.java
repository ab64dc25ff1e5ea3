package tw.gov.mohw.support.report.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.Interval;
import tw.gov.mohw.support.report.Week;

/**
 * A person's week as the timetable picture draws it (static/js/timetable.js): one block per day and time range,
 * a colour per site, and conflicts marked. Intervals crossing midnight are split at it.
 */
final class TimetableData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TimetableData() {
    }

    record Block(int day, int start, int end, String site, int colour, boolean conflict, String caseNumber) {
    }

    /** {@code mondayIso}: the week's Monday, for placing the dated slots being typed (timetable.js). */
    record Data(String monday, String mondayIso, String home, List<Block> blocks, List<String> sites) {
    }

    static String json(Week week) {
        LocalDate monday = week.monday();
        Map<String, Integer> colours = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        for (Week.Commitment c : week.commitments()) {
            int colour = colours.computeIfAbsent(c.supportedInstitutionName(), k -> colours.size());
            for (Interval i : c.intervals()) {
                boolean conflict = week.conflicts().stream().anyMatch(x -> x.start().isBefore(i.end())
                        && i.start().isBefore(x.end()));
                split(monday, i.start(), i.end(), (day, from, to) -> blocks.add(new Block(day, from, to,
                        c.supportedInstitutionName(), colour, conflict, c.caseNumber())));
            }
        }
        return JSON.writeValueAsString(new Data(RocDates.formatShort(monday), monday.toString(),
                week.homeInstitutionName(), blocks,
                List.copyOf(colours.keySet())));
    }

    private interface Sink {
        void add(int day, int from, int to);
    }

    /** Minutes from each day's midnight, one block per day of the week the interval touches. */
    private static void split(LocalDate monday, LocalDateTime start, LocalDateTime end, Sink sink) {
        LocalDateTime at = start;
        while (at.isBefore(end)) {
            LocalDateTime midnight = at.toLocalDate().plusDays(1).atStartOfDay();
            LocalDateTime until = end.isBefore(midnight) ? end : midnight;
            int day = (int) ChronoUnit.DAYS.between(monday, at.toLocalDate());
            if (day >= 0 && day < 7) {
                sink.add(day, at.getHour() * 60 + at.getMinute(),
                        until.equals(midnight) ? 1440 : until.getHour() * 60 + until.getMinute());
            }
            at = until;
        }
    }
}
