package tw.gov.mohw.support.registry;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.chrono.MinguoDate;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tw.gov.mohw.support.shared.DomainException;

/**
 * ROC (民國) dates as people in Taiwan type and read them. ROC year 1 is 1912; the supported range is 民國 1 年 1 月 1 日
 * (1912-01-01) to 民國 999 年 12 月 31 日 (2910-12-31), the years a seven-digit compact date can hold.
 *
 * <p>Accepted input (surrounding whitespace ignored, ASCII digits only):
 * <ul>
 *   <li>seven digits, year zero-padded: {@code 0660203}, {@code 1150701} (six digits are refused as ambiguous);
 *   <li>year/month/day with one separator used throughout, {@code /}, {@code -} or {@code .}, year 1–3 digits and
 *       month and day 1–2 digits: {@code 66/2/3}, {@code 115/07/01}, {@code 066-02-03}, {@code 115.07.01};
 *   <li>the long form {@code 民國115年7月1日}, spaces optional between the parts ({@code 民國 115 年 7 月 1 日}); the
 *       prefix may also be {@code 中華民國} or left out ({@code 115年7月1日}).
 * </ul>
 * Whether the day exists is decided by {@link MinguoDate#of(int, int, int)} (so 1130229 is valid, 1120229 is not).
 */
public final class RocDates {

    /** Dates in this system are dates in Taiwan. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Taipei");

    /** The first and last ROC year accepted and produced. */
    public static final int MIN_YEAR = 1;

    public static final int MAX_YEAR = 999;

    /** Inputs longer than this are refused without being looked at. */
    static final int MAX_INPUT_LENGTH = 30;

    /** How much of a refused input is echoed back in the violation. */
    static final int MAX_ECHO_LENGTH = 20;

    private static final Pattern COMPACT = Pattern.compile("([0-9]{3})([0-9]{2})([0-9]{2})");

    private static final Pattern SEPARATED = Pattern.compile("([0-9]{1,3})([/.-])([0-9]{1,2})\\2([0-9]{1,2})");

    private static final String SP = "[ \u3000]*";

    private static final Pattern LONG = Pattern.compile("(?:(?:中華)?民國)?" + SP + "([0-9]{1,3})" + SP + "年" + SP
            + "([0-9]{1,2})" + SP + "月" + SP + "([0-9]{1,2})" + SP + "日");

    private RocDates() {}

    /**
     * Reads an ROC date in any of the accepted forms.
     *
     * @throws DomainException {@code date.roc.required} when null or blank; {@code date.roc.invalid} (with the input,
     *     cut to 20 characters, as its argument) when not in an accepted form, out of range, or not a real day
     */
    public static LocalDate parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalid(null, "date.roc.required");
        }
        if (raw.length() > MAX_INPUT_LENGTH) {
            throw invalid(raw);
        }
        String s = raw.strip();
        Matcher m;
        if ((m = COMPACT.matcher(s)).matches()) {
            return of(m.group(1), m.group(2), m.group(3), raw);
        }
        if ((m = SEPARATED.matcher(s)).matches()) {
            return of(m.group(1), m.group(3), m.group(4), raw);
        }
        if ((m = LONG.matcher(s)).matches()) {
            return of(m.group(1), m.group(2), m.group(3), raw);
        }
        throw invalid(raw);
    }

    /** {@code 民國 115 年 7 月 1 日}. */
    public static String formatLong(LocalDate date) {
        MinguoDate d = minguo(date);
        return "民國 " + d.get(ChronoField.YEAR) + " 年 " + d.get(ChronoField.MONTH_OF_YEAR) + " 月 "
                + d.get(ChronoField.DAY_OF_MONTH) + " 日";
    }

    /** {@code 115/07/01}; the year is not padded ({@code 66/02/03}). */
    public static String formatShort(LocalDate date) {
        MinguoDate d = minguo(date);
        return String.format(Locale.ROOT, "%d/%02d/%02d", d.get(ChronoField.YEAR), d.get(ChronoField.MONTH_OF_YEAR),
                d.get(ChronoField.DAY_OF_MONTH));
    }

    /** {@code 1150701}: seven digits, the year zero-padded ({@code 0660203}). */
    public static String formatCompact(LocalDate date) {
        MinguoDate d = minguo(date);
        return String.format(Locale.ROOT, "%03d%02d%02d", d.get(ChronoField.YEAR), d.get(ChronoField.MONTH_OF_YEAR),
                d.get(ChronoField.DAY_OF_MONTH));
    }

    /**
     * The ROC year of a date (Gregorian year − 1911).
     *
     * @throws IllegalArgumentException for a date before 1912-01-01 (before ROC year 1)
     */
    public static int rocYear(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int year = MinguoDate.from(date).get(ChronoField.YEAR);
        if (year < MIN_YEAR) {
            throw new IllegalArgumentException("before ROC year 1: " + date);
        }
        return year;
    }

    /** Today's date in Taiwan according to {@code clock}, whatever the clock's own zone. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    private static MinguoDate minguo(LocalDate date) {
        Objects.requireNonNull(date, "date");
        MinguoDate d = MinguoDate.from(date);
        int year = d.get(ChronoField.YEAR);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("outside ROC years " + MIN_YEAR + ".." + MAX_YEAR + ": " + date);
        }
        return d;
    }

    private static LocalDate of(String year, String month, String day, String raw) {
        int y = Integer.parseInt(year);
        if (y < MIN_YEAR || y > MAX_YEAR) {
            throw invalid(raw);
        }
        try {
            return LocalDate.from(MinguoDate.of(y, Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException e) {
            throw invalid(raw);
        }
    }

    private static DomainException invalid(String raw) {
        return DomainException.invalid(null, "date.roc.invalid", echo(raw));
    }

    /** The start of the input, for the message: at most 20 characters, never half a surrogate pair. */
    static String echo(String raw) {
        if (raw.length() <= MAX_ECHO_LENGTH) {
            return raw.strip();
        }
        int end = MAX_ECHO_LENGTH;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end).strip();
    }
}
