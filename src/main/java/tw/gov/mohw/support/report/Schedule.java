package tw.gov.mohw.support.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The schedule (支援時段): weekly slots and specific-date slots. Both lists are copied and unmodifiable; {@code null}
 * becomes an empty list. {@code null} elements are kept (as a request may contain them) so that
 * {@link ScheduleRules#validate} can report them as {@code slot.required}.
 */
public record Schedule(List<WeeklySlot> weekly, List<DatedSlot> dated) {

    public Schedule {
        weekly = copy(weekly);
        dated = copy(dated);
    }

    public static Schedule ofWeekly(WeeklySlot... slots) {
        return new Schedule(List.of(slots), List.of());
    }

    public static Schedule ofDated(DatedSlot... slots) {
        return new Schedule(List.of(), List.of(slots));
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
