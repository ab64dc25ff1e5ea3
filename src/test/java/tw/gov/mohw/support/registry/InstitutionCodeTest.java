package tw.gov.mohw.support.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.mohw.support.shared.DomainException;

class InstitutionCodeTest {

    private static void assertRejected(String raw, String key) {
        assertThatThrownBy(() -> InstitutionCode.parse(raw))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isNull();
                        assertThat(v.messageKey()).isEqualTo(key);
                    });
                });
        assertThat(InstitutionCode.isValid(raw)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0101090517", "1101020018", "0000000000", "9999999999", "3501200000"})
    void acceptsTenAsciiDigits(String raw) {
        InstitutionCode code = InstitutionCode.parse(raw);
        assertThat(code.value()).isEqualTo(raw);
        assertThat(InstitutionCode.isValid(raw)).isTrue();
    }

    @Test
    void keepsLeadingZeros() {
        assertThat(InstitutionCode.parse("0000000001").value()).isEqualTo("0000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {" 0101090517", "0101090517 ", "\t0101090517\n", "\u30000101090517\u3000", "  0101090517  "})
    void trimsSurroundingWhitespace(String raw) {
        assertThat(InstitutionCode.parse(raw).value()).isEqualTo("0101090517");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "    ", "\t\n", "\u3000"})
    void requiresAValue(String raw) {
        assertRejected(raw, "institution.code.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "010109051", // 9 digits
        "01010905170", // 11 digits
        "1", "12345",
        "010109051A", "A101090517", "0101O90517", // letter O for zero
        "01010 0517", "0101-90517", "0101.90517", "+101090517", "-101090517", "1e10000000",
        "０１０１０９０５１７", // full-width digits
        "010109051７",
        "٠١٠١٠٩٠٥١٧", // Arabic-Indic digits
        "0101090517\u0000", "\u00000101090517", "010109\u200B0517",
        "<script>alert(1)</script>", "0101090517;DROP TABLE institution", "0' OR '1'='1", "${jndi:x}"
    })
    void rejectsAnythingButTenAsciiDigits(String raw) {
        assertRejected(raw, "institution.code.invalid");
    }

    @Test
    void rejectsVeryLongInput() {
        assertRejected("1".repeat(1000), "institution.code.invalid");
        assertRejected("0101090517".repeat(100_000), "institution.code.invalid");
    }

    @Test
    void isValidNeverThrows() {
        assertThat(InstitutionCode.isValid(null)).isFalse();
        assertThat(InstitutionCode.isValid("")).isFalse();
        assertThat(InstitutionCode.isValid("x".repeat(10_000))).isFalse();
    }

    @Test
    void toStringIsTheValue() {
        assertThat(InstitutionCode.parse(" 0101090517 ")).hasToString("0101090517");
    }

    @Test
    void constructorTrimsAndValidatesLikeParse() {
        assertThat(new InstitutionCode(" 0101090517 ")).isEqualTo(InstitutionCode.parse("0101090517"));
        assertThatThrownBy(() -> new InstitutionCode("12345")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new InstitutionCode(null)).isInstanceOf(DomainException.class);
    }

    @Test
    void equalityIsByValue() {
        InstitutionCode a = InstitutionCode.parse("0101090517");
        InstitutionCode b = InstitutionCode.parse("\t0101090517");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(InstitutionCode.parse("0101090518"));
    }
}
