package tw.gov.mohw.support.registry;

import java.util.Locale;
import tw.gov.mohw.support.shared.DomainException;

/**
 * A person identifier: 身分證統一編號 (national ID) or 居留證統一證號 (resident certificate number), old or 2021 format.
 *
 * <p>The value is always canonical (ten ASCII characters, upper case) and has a correct check digit: the compact
 * constructor normalises and validates, so {@code new NationalId(raw)} and {@link #parse(String)} behave the same.
 *
 * <p>{@link #toString()} returns the {@linkplain #masked() masked} form so that an ID never ends up in a log by
 * accident; use {@link #value()} where the full number is really needed.
 *
 * <p>Check digit: the area letter maps to a number (A=10 … Z=33, I=34, O=35); its tens digit is weighted 1 and its
 * units digit 9; the eight characters after it are weighted 8,7,6,5,4,3,2,1 and the check digit 1; the sum must be a
 * multiple of 10. In the old resident format the second character is a letter A–D and contributes the units digit
 * of its number (A→0, B→1, C→2, D→3) with weight 8.
 *
 * @param value the canonical ten-character number
 */
public record NationalId(String value) {

    /** The length of every number, in characters. */
    static final int LENGTH = 10;

    /** The number of each letter, indexed by {@code letter - 'A'}. */
    private static final int[] LETTER_NUMBERS = {
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, // A..M
        22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33 // N..Z
    };

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1};

    /** Which kind of number this is, told by its second character. */
    public enum Kind {
        /** 身分證統一編號: second character 1 (male) or 2 (female). */
        NATIONAL_ID,
        /** 居留證統一證號, old format (before 2021): second character a letter A–D. */
        RESIDENT_CERTIFICATE_OLD,
        /** 居留證統一證號, the 2021 new format: second character 8 or 9, checksum as the national ID. */
        RESIDENT_CERTIFICATE_2021
    }

    public NationalId {
        value = normalize(value);
    }

    /**
     * Reads a number as typed: surrounding whitespace is removed and ASCII letters are upper-cased.
     *
     * @throws DomainException {@code id.national.required} when null or blank, {@code id.national.invalid} when not
     *     in one of the three formats, {@code id.national.checksum} when the check digit is wrong
     */
    public static NationalId parse(String raw) {
        return new NationalId(raw);
    }

    /** Whether {@link #parse(String)} would accept {@code raw}; never throws. */
    public static boolean isValid(String raw) {
        try {
            normalize(raw);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    /**
     * Builds a valid number with the right check digit, for synthetic test data.
     *
     * @param areaLetter the first letter, A–Z (ASCII lower case is accepted)
     * @param secondChar {@code '1'}/{@code '2'} national ID, {@code '8'}/{@code '9'} 2021 resident certificate,
     *     {@code 'A'}–{@code 'D'} old resident certificate
     * @param serial7 the seven digits after the second character, 0 … 9 999 999
     * @throws IllegalArgumentException for any argument out of range
     */
    public static NationalId generate(char areaLetter, char secondChar, int serial7) {
        char area = asciiUpper(areaLetter);
        char second = asciiUpper(secondChar);
        if (area < 'A' || area > 'Z') {
            throw new IllegalArgumentException("area letter must be A-Z: " + areaLetter);
        }
        if (kindOf(second) == null) {
            throw new IllegalArgumentException("second character must be 1, 2, 8, 9 or A-D: " + secondChar);
        }
        if (serial7 < 0 || serial7 > 9_999_999) {
            throw new IllegalArgumentException("serial must be 0..9999999: " + serial7);
        }
        String body = "" + area + second + String.format(Locale.ROOT, "%07d", serial7);
        int check = (10 - weightedSum(body) % 10) % 10;
        return new NationalId(body + check);
    }

    /** Which kind of number this is. */
    public Kind kind() {
        return kindOf(value.charAt(1));
    }

    /** The first six characters followed by four asterisks, e.g. {@code T12434****}: for lists and printouts. */
    public String masked() {
        return value.substring(0, 6) + "****";
    }

    /**
     * Every national ID in a text (an account name such as {@code practitioner:A123456789}, an audit entry's
     * details) in its masked form; the rest of the text as it is.
     */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = ANYWHERE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, isValid(m.group()) ? m.group().substring(0, 6) + "****" : m.group());
        }
        return m.appendTail(out).toString();
    }

    private static final java.util.regex.Pattern ANYWHERE = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z][12890A-D][0-9]{8}(?![0-9])");

    /** The {@linkplain #masked() masked} form, never the full number. */
    @Override
    public String toString() {
        return masked();
    }

    private static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalid(null, "id.national.required");
        }
        String s = raw.strip();
        if (s.length() != LENGTH) {
            throw DomainException.invalid(null, "id.national.invalid");
        }
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = asciiUpper(s.charAt(i));
        }
        if (c[0] < 'A' || c[0] > 'Z' || kindOf(c[1]) == null) {
            throw DomainException.invalid(null, "id.national.invalid");
        }
        for (int i = 2; i < LENGTH; i++) {
            if (!isAsciiDigit(c[i])) {
                throw DomainException.invalid(null, "id.national.invalid");
            }
        }
        String canonical = new String(c);
        int sum = weightedSum(canonical.substring(0, LENGTH - 1)) + (c[LENGTH - 1] - '0');
        if (sum % 10 != 0) {
            throw DomainException.invalid(null, "id.national.checksum");
        }
        return canonical;
    }

    /** The weighted sum of the first nine characters (already known to be well-formed). */
    private static int weightedSum(String firstNine) {
        int letter = LETTER_NUMBERS[firstNine.charAt(0) - 'A'];
        int sum = letter / 10 + (letter % 10) * 9;
        for (int i = 1; i < 9; i++) {
            char ch = firstNine.charAt(i);
            int digit = isAsciiDigit(ch) ? ch - '0' : LETTER_NUMBERS[ch - 'A'] % 10;
            sum += digit * WEIGHTS[i - 1];
        }
        return sum;
    }

    private static Kind kindOf(char second) {
        return switch (second) {
            case '1', '2' -> Kind.NATIONAL_ID;
            case '8', '9' -> Kind.RESIDENT_CERTIFICATE_2021;
            case 'A', 'B', 'C', 'D' -> Kind.RESIDENT_CERTIFICATE_OLD;
            default -> null;
        };
    }

    /**
     * Upper-cases ASCII letters only: {@link String#toUpperCase} would turn 'ı' into 'I' and 'ſ' into 'S', letting
     * non-ASCII input through.
     */
    private static char asciiUpper(char ch) {
        return ch >= 'a' && ch <= 'z' ? (char) (ch - ('a' - 'A')) : ch;
    }

    private static boolean isAsciiDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }
}
