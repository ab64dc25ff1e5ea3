package tw.gov.mohw.support.registry;

import tw.gov.mohw.support.shared.DomainException;

/**
 * 醫事機構代碼: an institution's code, exactly ten ASCII digits. The compact constructor trims and validates, so
 * {@code new InstitutionCode(raw)} and {@link #parse(String)} behave the same.
 *
 * @param value the ten digits
 */
public record InstitutionCode(String value) {

    static final int LENGTH = 10;

    public InstitutionCode {
        value = normalize(value);
    }

    /**
     * Reads a code as typed; surrounding whitespace is removed.
     *
     * @throws DomainException {@code institution.code.required} when null or blank, {@code institution.code.invalid}
     *     when not exactly ten ASCII digits
     */
    public static InstitutionCode parse(String raw) {
        return new InstitutionCode(raw);
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

    @Override
    public String toString() {
        return value;
    }

    private static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalid(null, "institution.code.required");
        }
        String s = raw.strip();
        if (s.length() != LENGTH) {
            throw DomainException.invalid(null, "institution.code.invalid");
        }
        for (int i = 0; i < LENGTH; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                throw DomainException.invalid(null, "institution.code.invalid");
            }
        }
        return s;
    }
}
