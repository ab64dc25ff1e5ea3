package tw.gov.mohw.support.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move forward: either the system's time plus an offset, or a frozen instant plus an offset. */
public final class MovableClock extends Clock {

    private final Instant frozen;
    private volatile Duration offset = Duration.ZERO;

    private MovableClock(Instant frozen) {
        this.frozen = frozen;
    }

    /** The system's time, moved by {@link #advance}. */
    public static MovableClock followingSystem() {
        return new MovableClock(null);
    }

    /** Stands still at {@code start} until moved by {@link #advance}. */
    public static MovableClock frozenAt(Instant start) {
        return new MovableClock(start);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (frozen == null ? Instant.now() : frozen).plus(offset);
    }
}
