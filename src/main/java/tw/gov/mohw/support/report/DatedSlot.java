package tw.gov.mohw.support.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A slot on one specific date (e.g. 2026-12-06 22:00–02:00), with the same midnight rule as {@link WeeklySlot}:
 * {@code end} not after {@code start} means it ends on the next day; {@code start == end} is invalid.
 *
 * <p>Components may be {@code null} (as deserialized from a request); {@link ScheduleRules#validate} reports that.
 * The methods below require a complete slot.
 */
public record DatedSlot(LocalDate date, LocalTime start, LocalTime end) {

    /** Whether the slot ends on the day after {@link #date()}. */
    public boolean crossesMidnight() {
        return SlotTimes.crossesMidnight(start, end);
    }

    /** How long the slot lasts ({@link Duration#ZERO} for the invalid {@code start == end}). */
    public Duration length() {
        return SlotTimes.length(start, end);
    }

    /**
     * The concrete time range.
     *
     * @throws IllegalStateException if the slot has zero length
     */
    public Interval interval() {
        return SlotTimes.on(date, start, end);
    }

    /** Complete and of non-zero length. */
    boolean usable() {
        return date != null && SlotTimes.usable(start, end);
    }
}
