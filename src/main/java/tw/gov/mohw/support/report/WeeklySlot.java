package tw.gov.mohw.support.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A weekly slot (e.g. 週二 13:30–17:30): it applies on every {@code day} inside the report's period. When {@code end}
 * is not after {@code start} the slot runs past midnight into the next day (22:00–08:00; 22:00–00:00 ends exactly at
 * midnight). {@code start == end} is invalid (zero length).
 *
 * <p>Components may be {@code null} (as deserialized from a request); {@link ScheduleRules#validate} reports that.
 * The methods below require a complete slot.
 */
public record WeeklySlot(DayOfWeek day, LocalTime start, LocalTime end) {

    /** Whether the slot ends on the day after it starts. */
    public boolean crossesMidnight() {
        return SlotTimes.crossesMidnight(start, end);
    }

    /** How long one occurrence lasts ({@link Duration#ZERO} for the invalid {@code start == end}). */
    public Duration length() {
        return SlotTimes.length(start, end);
    }

    /**
     * The occurrence that starts on {@code date}.
     *
     * @throws IllegalArgumentException if {@code date} is not a {@link #day()}
     * @throws IllegalStateException if the slot has zero length
     */
    public Interval on(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.getDayOfWeek() != day) {
            throw new IllegalArgumentException(date + " is not a " + day);
        }
        return SlotTimes.on(date, start, end);
    }

    /** Complete and of non-zero length: a slot that has occurrences. */
    boolean usable() {
        return day != null && SlotTimes.usable(start, end);
    }
}
