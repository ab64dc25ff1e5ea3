package tw.gov.mohw.support.web;

import java.time.Instant;
import java.time.LocalDate;
import tw.gov.mohw.support.registry.RocDates;

/**
 * ROC dates and Taipei times as pages and printouts show them: every page's {@code ${roc}} ({@link PageModel}),
 * and the printouts' (their templates are rendered outside Spring MVC).
 */
public final class RocText {

    public static final RocText INSTANCE = new RocText();

    private RocText() {
    }

    /** 115/07/01. */
    public String date(LocalDate d) {
        return d == null ? "" : RocDates.formatShort(d);
    }

    /** 115/07/01 09:30. */
    public String instant(Instant at) {
        if (at == null) {
            return "";
        }
        var local = at.atZone(RocDates.ZONE);
        return RocDates.formatShort(local.toLocalDate()) + String.format(" %02d:%02d", local.getHour(),
                local.getMinute());
    }

    /** 115/07/01 09:30:05, for the audit trail. */
    public String at(Instant at) {
        if (at == null) {
            return "";
        }
        return instant(at) + String.format(":%02d", at.atZone(RocDates.ZONE).getSecond());
    }
}
