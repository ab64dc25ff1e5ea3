package tw.gov.mohw.support.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The support period (支援期間): from {@code start} to {@code end}, both days included, local dates in Asia/Taipei.
 *
 * <p>The constructor does not reject {@code start} after {@code end}: {@link ScheduleRules#validate} reports that as
 * the violation {@code period.end.before.start} so the client gets a field-level message. The other methods assume a
 * valid period.
 */
public record Period(LocalDate start, LocalDate end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether {@code date} is one of the period's days. */
    public boolean contains(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return !date.isBefore(start) && !date.isAfter(end);
    }

    /** The number of days in the period, both ends counted (a one-day period has 1). */
    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** Whether at least one day of the period falls on {@code day}. */
    public boolean hasWeekday(DayOfWeek day) {
        Objects.requireNonNull(day, "day");
        if (start.isAfter(end)) {
            return false;
        }
        if (days() >= 7) {
            return true;
        }
        int offset = Math.floorMod(day.getValue() - start.getDayOfWeek().getValue(), 7);
        return offset < days();
    }

    /** The days both periods share, or empty when they share none. */
    public Optional<Period> intersection(Period other) {
        Objects.requireNonNull(other, "other");
        LocalDate from = start.isAfter(other.start) ? start : other.start;
        LocalDate to = end.isBefore(other.end) ? end : other.end;
        return from.isAfter(to) ? Optional.empty() : Optional.of(new Period(from, to));
    }
}
