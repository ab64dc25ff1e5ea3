package tw.gov.mohw.support.shared;

/** What counts as text people typed: no control characters, and more than blanks and invisible marks. */
public final class Texts {

    private Texts() {}

    /**
     * Whether the text holds a control character other than tab, line feed and carriage return (a NUL byte, which
     * PostgreSQL refuses; escapes that would rewrite a terminal or a log line; the C1 block).
     */
    public static boolean hasControlCharacters(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text says nothing: null, or only whitespace and invisible format characters (zero-width space
     * and joiners, word joiner, byte-order mark, direction marks), which {@link String#isBlank()} lets through.
     */
    public static boolean isBlank(String text) {
        if (text == null) {
            return true;
        }
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }
}
