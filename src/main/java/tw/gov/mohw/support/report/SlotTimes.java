package tw.gov.mohw.support.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/** The time-of-day rule shared by weekly and dated slots: {@code end <= start} means the slot runs past midnight. */
final class SlotTimes {

    private SlotTimes() {}

    /** Ends on the next day: 22:00–08:00, and 22:00–00:00 (ends exactly at midnight). Not when start equals end. */
    static boolean crossesMidnight(LocalTime start, LocalTime end) {
        return end.isBefore(start);
    }

    static Duration length(LocalTime start, LocalTime end) {
        Duration between = Duration.between(start, end);
        return crossesMidnight(start, end) ? between.plusDays(1) : between;
    }

    static Interval on(LocalDate date, LocalTime start, LocalTime end) {
        if (start.equals(end)) {
            throw new IllegalStateException("zero-length slot " + start + "–" + end);
        }
        LocalDate endDate = crossesMidnight(start, end) ? date.plusDays(1) : date;
        return new Interval(date.atTime(start), endDate.atTime(end));
    }

    static boolean usable(LocalTime start, LocalTime end) {
        return start != null && end != null && !start.equals(end);
    }
}
