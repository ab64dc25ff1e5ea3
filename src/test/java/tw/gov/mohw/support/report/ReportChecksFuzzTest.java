package tw.gov.mohw.support.report;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Coverage-guided fuzzing of the checks every report passes: the particulars as typed (period, weekly and dated
 * slots, with the schedule rules) and an attachment's bytes. Each either accepts or refuses with its own
 * {@link DomainException}; the two ways of asking about particulars must agree; nothing else may be thrown. Kept
 * inputs: {@code ReportChecksFuzzTestInputs}.
 */
class ReportChecksFuzzTest {

    static {
        // PDFBox says what it repairs in broken files; a fuzzer hands it nothing else, a million times
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.pdfbox"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
    }

    private static final String[] DAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY", "MON", "1", "7", "0", "8", ""};

    @FuzzTest(maxDuration = "30s")
    void schedule(FuzzedDataProvider data) {
        String start = date(data);
        String end = date(data);
        List<ReportInput.SlotText> weekly = new ArrayList<>();
        for (int i = data.consumeInt(0, ScheduleRules.MAX_WEEKLY_SLOTS + 2); i > 0; i--) {
            weekly.add(data.consumeBoolean() ? null : new ReportInput.SlotText(data.consumeBoolean()
                    ? data.pickValue(DAYS) : data.consumeString(12), time(data), time(data)));
        }
        List<ReportInput.SlotText> dated = new ArrayList<>();
        for (int i = data.consumeInt(0, 40); i > 0; i--) {
            dated.add(data.consumeBoolean() ? null : new ReportInput.SlotText(date(data), time(data), time(data)));
        }
        var text = new ReportInput.Text(data.consumeString(6), data.consumeString(40), start, end, weekly, dated);

        List<Violation> problems = ReportInput.problems(text);
        Particulars particulars;
        try {
            particulars = ReportInput.particulars(text);
        } catch (DomainException refused) {
            if (problems.isEmpty()) {
                throw new AssertionError("refused, yet problems() found none: " + text, refused);
            }
            return;
        }
        // read as particulars: what the rules still say is exactly what problems() said
        List<Violation> rules = ScheduleRules.validate(particulars.period(), particulars.schedule());
        if (!problems.containsAll(rules) || rules.isEmpty() != problems.isEmpty()) {
            throw new AssertionError("problems() " + problems + " but the rules say " + rules + " for " + text);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void attachment(byte[] file) {
        try {
            String type = AttachmentContent.mediaTypeOf(file);
            if (!Set.of("application/pdf", "image/png", "image/jpeg").contains(type)) {
                throw new AssertionError("accepted as " + type);
            }
        } catch (DomainException refused) {
            if (refused.violations().isEmpty() || !"file".equals(refused.violations().get(0).field())) {
                throw new AssertionError("refused without naming the file", refused);
            }
        }
    }

    /** A date as people type it (ISO, ROC compact or with slashes), or anything at all. */
    private static String date(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> String.format("%04d-%02d-%02d", data.consumeInt(1900, 2200), data.consumeInt(0, 13),
                    data.consumeInt(0, 32));
            case 1 -> String.format("%03d%02d%02d", data.consumeInt(0, 999), data.consumeInt(0, 13),
                    data.consumeInt(0, 32));
            case 2 -> data.consumeInt(100, 130) + "/" + data.consumeInt(1, 12) + "/" + data.consumeInt(1, 31);
            default -> data.consumeString(14);
        };
    }

    /** A time as HH:mm (in range or not), or anything at all. */
    private static String time(FuzzedDataProvider data) {
        return data.consumeBoolean() ? String.format("%02d:%02d", data.consumeInt(0, 25), data.consumeInt(0, 61))
                : data.consumeString(6);
    }
}
