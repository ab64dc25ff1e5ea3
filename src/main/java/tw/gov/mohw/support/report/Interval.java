package tw.gov.mohw.support.report;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open time range [start, end) in Asia/Taipei local time. Touching intervals (one ends at 12:00, the next
 * starts at 12:00) do not overlap. Never empty: {@code start} must be before {@code end}.
 */
public record Interval(LocalDateTime start, LocalDateTime end) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("interval start " + start + " must be before end " + end);
        }
    }

    public boolean contains(LocalDateTime instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Whether the two share at least one instant (touching ones do not). */
    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The shared part, or empty when they do not overlap. */
    public Optional<Interval> intersection(Interval other) {
        if (!overlaps(other)) {
            return Optional.empty();
        }
        LocalDateTime from = start.isAfter(other.start) ? start : other.start;
        LocalDateTime to = end.isBefore(other.end) ? end : other.end;
        return Optional.of(new Interval(from, to));
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
