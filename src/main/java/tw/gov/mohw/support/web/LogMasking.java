package tw.gov.mohw.support.web;

import java.util.regex.Pattern;

/**
 * What no log line may carry whole, masked wherever it appears — in a message, an account name
 * ({@code practitioner:A123456789}), an exception's text: anything shaped like a national ID, valid or mistyped (a
 * mistyped one is still somebody's; first six characters kept, as everywhere else), mobile numbers and NHI card
 * numbers (last three kept). Applied by the log layouts themselves ({@link MaskingPatternLayout},
 * {@link MaskingStructuredLogEncoder}), so that no code path can forget it.
 */
public final class LogMasking {

    /** A national ID or resident certificate number's shape, not inside a longer word or number. */
    private static final Pattern ID = Pattern.compile("(?<![A-Za-z0-9])([A-Z][12890A-D][0-9]{4})[0-9]{4}(?![0-9])");
    /** A Taiwanese mobile number, not inside a longer number. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])09[0-9]{5}([0-9]{3})(?![0-9])");
    /** An NHI card number: twelve digits, not inside a longer number. */
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9]{9}([0-9]{3})(?![0-9])");

    private LogMasking() {}

    public static String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String out = ID.matcher(line).replaceAll("$1****");
        out = MOBILE.matcher(out).replaceAll("09*****$1");
        return CARD.matcher(out).replaceAll("*********$1");
    }
}
