package tw.gov.mohw.support.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.mohw.support.registry.NationalId.Kind;
import tw.gov.mohw.support.shared.DomainException;

class NationalIdTest {

    // ---------------------------------------------------------------------------------------------------------
    // An independent reference implementation: the classic "ABCDEFGHJKLMNPQRSTUVXYWZIO" ordering, where a
    // letter's number is its index + 10 (A=10 … H=17, J=18 … N=22, P=23 … V=29, X=30, Y=31, W=32, Z=33, I=34, O=35).
    // ---------------------------------------------------------------------------------------------------------

    private static final String LETTER_ORDER = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final String SECOND_CHARS = "1289ABCD";

    private static int refLetterNumber(char letter) {
        int i = LETTER_ORDER.indexOf(letter);
        if (i < 0) {
            throw new IllegalArgumentException("not a letter: " + letter);
        }
        return i + 10;
    }

    /** Sum of the first nine characters with the official weights. */
    private static int refSum(String firstNine) {
        int n = refLetterNumber(firstNine.charAt(0));
        int sum = n / 10 + (n % 10) * 9;
        char second = firstNine.charAt(1);
        int secondValue = Character.isLetter(second) ? refLetterNumber(second) % 10 : second - '0';
        sum += secondValue * 8;
        for (int i = 2; i <= 8; i++) {
            sum += (firstNine.charAt(i) - '0') * (9 - i); // 7, 6, 5, 4, 3, 2, 1
        }
        return sum;
    }

    private static char refCheckDigit(String firstNine) {
        return (char) ('0' + (10 - refSum(firstNine) % 10) % 10);
    }

    /** Full reference validity, format included (input already canonical upper case). */
    private static boolean refValid(String s) {
        if (s.length() != 10) {
            return false;
        }
        if (s.charAt(0) < 'A' || s.charAt(0) > 'Z' || SECOND_CHARS.indexOf(s.charAt(1)) < 0) {
            return false;
        }
        for (int i = 2; i < 10; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return (refSum(s.substring(0, 9)) + (s.charAt(9) - '0')) % 10 == 0;
    }

    private static Kind refKind(char second) {
        if (second == '1' || second == '2') {
            return Kind.NATIONAL_ID;
        }
        if (second == '8' || second == '9') {
            return Kind.RESIDENT_CERTIFICATE_2021;
        }
        return Kind.RESIDENT_CERTIFICATE_OLD;
    }

    private static void assertRejected(String raw, String key) {
        assertThatThrownBy(() -> NationalId.parse(raw))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isNull();
                        assertThat(v.messageKey()).isEqualTo(key);
                        assertThat(v.args()).isEmpty();
                    });
                });
        assertThat(NationalId.isValid(raw)).isFalse();
    }

    // --- known samples ---------------------------------------------------------------------------------------

    @Test
    void acceptsWellKnownSampleNationalIdA123456789() {
        NationalId id = NationalId.parse("A123456789");
        assertThat(id.value()).isEqualTo("A123456789");
        assertThat(id.kind()).isEqualTo(Kind.NATIONAL_ID);
        assertThat(NationalId.isValid("A123456789")).isTrue();
    }

    @Test
    void acceptsSample2021ResidentCertificateA800000014() {
        NationalId id = NationalId.parse("A800000014");
        assertThat(id.value()).isEqualTo("A800000014");
        assertThat(id.kind()).isEqualTo(Kind.RESIDENT_CERTIFICATE_2021);
    }

    @Test
    void acceptsOldFormatResidentCertificateComputedByHand() {
        // A=10 -> 1*1 + 0*9 = 1; C=12 -> units 2, *8 = 16; 0*7 + 1*6 + 2*5 + 3*4 + 4*3 + 5*2 + 6*1 = 56;
        // 1 + 16 + 56 = 73, so the check digit is 7.
        NationalId id = NationalId.parse("AC01234567");
        assertThat(id.kind()).isEqualTo(Kind.RESIDENT_CERTIFICATE_OLD);
        assertRejected("AC01234568", "id.national.checksum");
    }

    @Test
    void acceptsFemaleNationalIdComputedByHand() {
        // F=15 -> 1*1 + 5*9 = 46; 2*8 = 16; 2*7 + 1*6 + 3*5 + 5*4 + 7*3 + 9*2 + 2*1 = 96; 46 + 16 + 96 = 158,
        // so the check digit is 2.
        assertThat(NationalId.parse("F221357922").kind()).isEqualTo(Kind.NATIONAL_ID);
        assertRejected("F221357924", "id.national.checksum");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "A,10", "B,11", "C,12", "D,13", "E,14", "F,15", "G,16", "H,17", "I,34", "J,18", "K,19", "L,20", "M,21",
        "N,22", "O,35", "P,23", "Q,24", "R,25", "S,26", "T,27", "U,28", "V,29", "W,32", "X,30", "Y,31", "Z,33"
    })
    void areaLetterNumbersFollowTheOfficialTable(char letter, int number) {
        int sum = number / 10 + (number % 10) * 9 + 1 * 8; // "<letter>10000000"
        int check = (10 - sum % 10) % 10;
        assertThat(NationalId.generate(letter, '1', 0).value()).isEqualTo(letter + "10000000" + check);
        assertThat(refLetterNumber(letter)).isEqualTo(number); // the reference agrees with the table too
    }

    @ParameterizedTest(name = "second letter {0} counts as {1}")
    @CsvSource({"A,0", "B,1", "C,2", "D,3"})
    void oldFormatSecondLetterContributesUnitsDigitOfItsNumberWithWeight8(char second, int units) {
        // A=10 -> 1; second letter -> units*8; zeros; check makes the sum a multiple of 10.
        int check = (10 - (1 + units * 8) % 10) % 10;
        assertThat(NationalId.generate('A', second, 0).value()).isEqualTo("A" + second + "0000000" + check);
    }

    // --- generate, round trip, all letters and kinds ---------------------------------------------------------

    static Stream<Arguments> everyAreaLetterAndSecondChar() {
        List<Arguments> args = new ArrayList<>();
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            for (char second : SECOND_CHARS.toCharArray()) {
                args.add(Arguments.of(letter, second));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}{1}…")
    @MethodSource("everyAreaLetterAndSecondChar")
    void generatesValidIdWithCorrectCheckDigitForEveryAreaLetterAndSecondChar(char letter, char second) {
        Random random = new Random(letter * 31L + second);
        int[] serials = {0, 1, 1234567, 9_999_999, random.nextInt(10_000_000), random.nextInt(10_000_000)};
        for (int serial : serials) {
            NationalId id = NationalId.generate(letter, second, serial);
            String firstNine = "" + letter + second + String.format("%07d", serial);
            assertThat(id.value()).isEqualTo(firstNine + refCheckDigit(firstNine));
            assertThat(id.kind()).isEqualTo(refKind(second));
            assertThat(NationalId.parse(id.value())).isEqualTo(id);
            assertThat(NationalId.parse(id.value().toLowerCase())).isEqualTo(id);
            assertThat(NationalId.isValid(id.value())).isTrue();
            assertThat(refValid(id.value())).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("everyAreaLetterAndSecondChar")
    void exactlyOneCheckDigitIsAcceptedForEveryPrefix(char letter, char second) {
        String firstNine = "" + letter + second + "3141592";
        int accepted = 0;
        for (char check = '0'; check <= '9'; check++) {
            if (NationalId.isValid(firstNine + check)) {
                accepted++;
                assertThat(check).isEqualTo(refCheckDigit(firstNine));
            } else {
                assertRejected(firstNine + check, "id.national.checksum");
            }
        }
        assertThat(accepted).isEqualTo(1);
    }

    @Test
    void agreesWithReferenceImplementationOnManyRandomCandidates() {
        Random random = new Random(20240229L);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int valid = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            sb.append((char) ('A' + random.nextInt(26)));
            // mostly well-formed second characters, sometimes anything
            sb.append(random.nextInt(5) == 0
                    ? alphabet.charAt(random.nextInt(alphabet.length()))
                    : SECOND_CHARS.charAt(random.nextInt(SECOND_CHARS.length())));
            for (int i = 0; i < 8; i++) {
                sb.append(random.nextInt(50) == 0 ? alphabet.charAt(random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
            }
            String candidate = sb.toString();
            boolean expected = refValid(candidate);
            assertThat(NationalId.isValid(candidate)).as(candidate).isEqualTo(expected);
            if (expected) {
                valid++;
            }
        }
        assertThat(valid).isGreaterThan(10_000); // the sample really exercised both outcomes
    }

    // --- corruption ------------------------------------------------------------------------------------------

    static Stream<String> validSamples() {
        return Stream.of("A123456789", "A800000014", "AC01234567", "F221357922",
                NationalId.generate('Z', '2', 9_876_543).value(), NationalId.generate('O', '9', 5_550_123).value(),
                NationalId.generate('I', 'D', 1_000_001).value(), NationalId.generate('W', 'B', 7_070_707).value());
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void rejectsEveryCorruptionOfTheCheckDigit(String valid) {
        for (char d = '0'; d <= '9'; d++) {
            if (d != valid.charAt(9)) {
                assertRejected(valid.substring(0, 9) + d, "id.national.checksum");
            }
        }
    }

    /**
     * With weights 8,7,6,5,4,3,2,1,1 a substitution changes the sum by weight × delta; it goes unnoticed exactly
     * when that is a multiple of 10 (weight 5 with delta ±2, ±4, …; even weights with delta ±5). Every other
     * single-digit corruption must be refused.
     */
    @ParameterizedTest
    @MethodSource("validSamples")
    void rejectsEverySingleDigitCorruptionTheChecksumCanDetect(String valid) {
        int detected = 0;
        for (int pos = 2; pos <= 9; pos++) {
            int weight = pos == 9 ? 1 : 9 - pos;
            for (char d = '0'; d <= '9'; d++) {
                char original = valid.charAt(pos);
                if (d == original) {
                    continue;
                }
                String corrupted = valid.substring(0, pos) + d + valid.substring(pos + 1);
                if ((weight * (d - original)) % 10 != 0) {
                    assertRejected(corrupted, "id.national.checksum");
                    detected++;
                } else {
                    assertThat(NationalId.isValid(corrupted)).as(corrupted).isTrue(); // the algorithm's blind spot
                }
            }
        }
        assertThat(detected).isGreaterThanOrEqualTo(8 * 9 - 8); // at most 8 blind substitutions per ID
    }

    @ParameterizedTest
    @ValueSource(strings = {"A123456789", "F221357922", "A800000014", "A900000007"})
    void rejectsEveryOtherNumericSecondCharacter(String valid) {
        for (char d = '0'; d <= '9'; d++) {
            if (d == valid.charAt(1)) {
                continue;
            }
            String corrupted = valid.charAt(0) + String.valueOf(d) + valid.substring(2);
            boolean wellFormed = "1289".indexOf(d) >= 0;
            // 1, 2, 8, 9 differ pairwise by 1, 6, 7 or 8; times weight 8 never a multiple of 10, so always caught.
            assertRejected(corrupted, wellFormed ? "id.national.checksum" : "id.national.invalid");
        }
    }

    @Test
    void checksumCannotDetectSomeSubstitutionsByDesign() {
        // The fifth digit has weight 5: changing it by 2 keeps the sum's last digit. These are simply other valid IDs.
        assertThat(NationalId.isValid("A123256789")).isTrue();
        assertThat(NationalId.isValid("A123656789")).isTrue();
        // Letters whose contribution is the same mod 10 are interchangeable: A=10 -> 1, M=21 -> 11, W=32 -> 21.
        assertThat(NationalId.isValid("M123456789")).isTrue();
        assertThat(NationalId.isValid("W123456789")).isTrue();
    }

    @Test
    void rejectsAreaLetterSubstitutionUnlessBothLettersContributeTheSameDigit() {
        String tail = "123456789";
        int contributionOfA = 1;
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            int n = refLetterNumber(letter);
            boolean same = (n / 10 + (n % 10) * 9) % 10 == contributionOfA;
            if (same) {
                assertThat(NationalId.isValid(letter + tail)).as(letter + tail).isTrue();
            } else {
                assertRejected(letter + tail, "id.national.checksum");
            }
        }
    }

    @Test
    void rejectsOldFormatWhoseCheckDigitWasComputedWithTheAreaLetterRuleForTheSecondLetter() {
        // A wrong implementation might weigh the second letter like the first (tens*1 + units*9). For B=11 that
        // gives 1 + 9 = 10 instead of 1*8 = 8, so the check digits differ and the wrong one must be refused.
        String firstNine = "AB0123456";
        int wrongSum = 1 + (1 + 9) + (0 * 7 + 1 * 6 + 2 * 5 + 3 * 4 + 4 * 3 + 5 * 2 + 6 * 1);
        char wrongCheck = (char) ('0' + (10 - wrongSum % 10) % 10);
        assertThat(wrongCheck).isNotEqualTo(refCheckDigit(firstNine));
        assertRejected(firstNine + wrongCheck, "id.national.checksum");
        assertThat(NationalId.isValid(firstNine + refCheckDigit(firstNine))).isTrue();
    }

    // --- normalisation ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"a123456789,A123456789", "ac01234567,AC01234567", "aC01234567,AC01234567", "Ac01234567,AC01234567",
        "a800000014,A800000014"})
    void acceptsLowerCaseInput(String raw, String canonical) {
        assertThat(NationalId.parse(raw).value()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {" A123456789", "A123456789 ", "  A123456789  ", "\tA123456789\n", "\r\nA123456789\r\n",
        "\u3000A123456789\u3000", " a123456789 "})
    void trimsSurroundingWhitespace(String raw) {
        assertThat(NationalId.parse(raw).value()).isEqualTo("A123456789");
        assertThat(NationalId.isValid(raw)).isTrue();
    }

    @Test
    void constructorNormalisesAndValidatesLikeParse() {
        assertThat(new NationalId(" a123456789 ").value()).isEqualTo("A123456789");
        assertThat(new NationalId("a123456789")).isEqualTo(NationalId.parse("A123456789"));
        assertThatThrownBy(() -> new NationalId("A123456788")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new NationalId(null)).isInstanceOf(DomainException.class);
    }

    @Test
    void equalityIsByCanonicalValue() {
        NationalId a = NationalId.parse("a123456789");
        NationalId b = NationalId.parse(" A123456789 ");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(NationalId.parse("A800000014"));
    }

    // --- refusals --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n", "\r\n", "\u3000", " \t \u3000 "})
    void requiresAValue(String raw) {
        assertRejected(raw, "id.national.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "A12345678", // 9 characters
        "A1234567890", // 11 characters
        "A12345678901234567890",
        "1123456789", // no area letter
        "0123456789",
        "A023456789", // second character not 1, 2, 8, 9 or A-D
        "A323456789", "A423456789", "A523456789", "A623456789", "A723456789",
        "AE23456789", "AZ23456789", "Aa1234567X",
        "A12345678A", // letter where a digit belongs
        "AA2345678Z",
        "A1234 6789", "A1234567 9", "A 23456789", // inner whitespace
        "A-23456789", "A+23456789", "A.23456789",
        "*123456789", "@123456789", "[123456789", "`123456789", "{123456789",
        "Ａ１２３４５６７８９", // full-width
        "Ａ123456789", "A１23456789", "A12345678９",
        "A١٢٣٤٥٦٧٨٩", // Arabic-Indic digits
        "A१२३४५६७८९", // Devanagari digits
        "ı123456789", // dotless i: String.toUpperCase would make it I
        "ſ123456789", // long s: String.toUpperCase would make it S
        "Ä123456789", "甲123456789", "身123456789",
        "A12345678\u0000", "\u0000123456789", "A1234567\u200B9",
        "<script>alert(1)</script>", "<script>", "A1' OR '1'='1", "A123456789;DROP TABLE personnel",
        "${jndi:ldap://x}", "../../etc/passwd", "%41123456789", "A123456789\u0000x"
    })
    void rejectsMalformedInput(String raw) {
        assertRejected(raw, "id.national.invalid");
    }

    @Test
    void rejectsVeryLongInput() {
        assertRejected("A".repeat(1000), "id.national.invalid");
        assertRejected("A123456789".repeat(100), "id.national.invalid");
        assertRejected("9".repeat(1_000_000), "id.national.invalid");
    }

    @Test
    void isValidNeverThrows() {
        assertThat(NationalId.isValid(null)).isFalse();
        assertThat(NationalId.isValid("")).isFalse();
        assertThat(NationalId.isValid("<script>alert(1)</script>")).isFalse();
        assertThat(NationalId.isValid("A123456788")).isFalse();
        assertThat(NationalId.isValid("A123456789")).isTrue();
    }

    @Test
    void refusalNeverEchoesTheInput() {
        assertThatThrownBy(() -> NationalId.parse("A123456788"))
                .isInstanceOf(DomainException.class)
                .hasMessageNotContaining("A12345678");
    }

    // --- masking ---------------------------------------------------------------------------------------------

    @Test
    void masksAllButTheFirstSixCharacters() {
        NationalId id = NationalId.generate('T', '1', 2_434_567);
        assertThat(id.value()).startsWith("T12434567").hasSize(10);
        assertThat(id.masked()).isEqualTo("T12434****");
        assertThat(NationalId.parse("A123456789").masked()).isEqualTo("A12345****");
        assertThat(NationalId.parse("AC01234567").masked()).isEqualTo("AC0123****");
    }

    @Test
    void toStringIsMaskedSoTheIdNeverLeaksIntoLogs() {
        NationalId id = NationalId.parse("A123456789");
        assertThat(id.toString()).isEqualTo("A12345****");
        assertThat("person " + id).isEqualTo("person A12345****").doesNotContain("6789");
        assertThat(String.valueOf(id)).doesNotContain("A123456789");
        assertThat(List.of(id).toString()).doesNotContain("A123456789");
    }

    // --- kind ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"1,NATIONAL_ID", "2,NATIONAL_ID", "8,RESIDENT_CERTIFICATE_2021", "9,RESIDENT_CERTIFICATE_2021",
        "A,RESIDENT_CERTIFICATE_OLD", "B,RESIDENT_CERTIFICATE_OLD", "C,RESIDENT_CERTIFICATE_OLD",
        "D,RESIDENT_CERTIFICATE_OLD"})
    void kindFollowsTheSecondCharacter(char second, Kind kind) {
        assertThat(NationalId.generate('K', second, 4_242_424).kind()).isEqualTo(kind);
    }

    // --- generate arguments ----------------------------------------------------------------------------------

    @Test
    void generateAcceptsLowerCaseLetters() {
        NationalId id = NationalId.generate('a', 'b', 5);
        assertThat(id.value()).startsWith("AB0000005");
        assertThat(id.kind()).isEqualTo(Kind.RESIDENT_CERTIFICATE_OLD);
    }

    @ParameterizedTest
    @CsvSource({"1,1,0", "@,1,0", "[,1,0", "Ａ,1,0", "A,0,0", "A,3,0", "A,7,0", "A,E,0", "A,Z,0", "A,１,0",
        "A,1,-1", "A,1,10000000", "A,1,2147483647", "A,1,-2147483648"})
    void generateRejectsArgumentsOutOfRange(char letter, char second, int serial) {
        assertThatThrownBy(() -> NationalId.generate(letter, second, serial))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
