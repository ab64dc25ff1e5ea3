package tw.gov.mohw.support.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.mohw.support.shared.DomainException;

class RocDatesTest {

    private static final LocalDate FEB_3_1977 = LocalDate.of(1977, 2, 3);

    private static void assertInvalid(String raw, String echoed) {
        assertThatThrownBy(() -> RocDates.parse(raw))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isNull();
                        assertThat(v.messageKey()).isEqualTo("date.roc.invalid");
                        assertThat(v.args()).containsExactly(echoed);
                    });
                });
    }

    private static void assertInvalid(String raw) {
        assertInvalid(raw, raw.strip());
    }

    // --- the forms from the domain rules ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0660203", "66/2/3", "066-02-03", "66/02/03", "066/2/3", "66-2-3", "66.2.3", "066.02.03",
        "民國66年2月3日", "民國 66 年 2 月 3 日", "民國066年02月03日", "民國66年 2月3日", "中華民國66年2月3日", "66年2月3日",
        " 0660203 ", "\t66/2/3\n", "\u3000民國66年2月3日\u3000", "民國\u300066\u3000年2月3日"})
    void parsesFebruaryThird1977InEveryAcceptedForm(String raw) {
        assertThat(RocDates.parse(raw)).isEqualTo(FEB_3_1977);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1150701", "115/07/01", "115/7/1", "115-07-01", "115.07.01", "115.7.1", "民國115年7月1日",
        "民國 115 年 7 月 1 日", "民國115 年 7月 1 日", "115 年 7 月 1 日"})
    void parsesJulyFirst2026InEveryAcceptedForm(String raw) {
        assertThat(RocDates.parse(raw)).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void acceptsFeb29InLeapRocYear113() {
        assertThat(RocDates.parse("1130229")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(RocDates.parse("113/2/29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(RocDates.parse("民國113年2月29日")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void acceptsFeb29In2000ButNotIn2100() {
        assertThat(RocDates.parse("0890229")).isEqualTo(LocalDate.of(2000, 2, 29)); // divisible by 400
        assertInvalid("1890229"); // 2100: divisible by 100 only
    }

    @ParameterizedTest
    @ValueSource(strings = {"1120229", "112/2/29", "112-02-29", "民國112年2月29日", "1150229"})
    void rejectsFeb29InNonLeapRocYear(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1150231", "1150230", "1150431", "1150631", "1150931", "1151131", "115/2/31", "民國115年4月31日"})
    void rejectsDaysThatDoNotExist(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000101", "0/1/1", "000-01-01", "民國0年1月1日", "0001231"})
    void rejectsRocYearZero(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1151301", "115/13/1", "1150001", "115/0/1", "1159901", "民國115年13月1日"})
    void rejectsMonthOutOfRange(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1150700", "115/7/0", "1150732", "115/7/32", "1150799"})
    void rejectsDayOutOfRange(String raw) {
        assertInvalid(raw);
    }

    @Test
    void acceptsTheFirstAndLastSupportedDays() {
        assertThat(RocDates.parse("0010101")).isEqualTo(LocalDate.of(1912, 1, 1));
        assertThat(RocDates.parse("1/1/1")).isEqualTo(LocalDate.of(1912, 1, 1));
        assertThat(RocDates.parse("9991231")).isEqualTo(LocalDate.of(2910, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "abc", "115/7", "115/07", "115-7", "115", "11507", "115071", "660203", // six digits are ambiguous
        "01150701", "20260701", "2026-07-01", "2026/7/1", "1000/1/1", "0115/07/01", "115/007/01", "115/07/001",
        "115/07-01", "115-07/01", "115.07/01", // mixed separators
        "115//07/01", "115/07/01/", "/115/07/01", "115 07 01", "115/ 7/1", "115_07_01", "115\\07\\01",
        "+115/7/1", "-115/7/1", "115/+7/1", "1e2/7/1", "0x1/1/1",
        "１１５０７０１", // full-width digits
        "１１５/０７/０１", "٠٦٦٠٢٠٣", // Arabic-Indic digits
        "民國115年7月", "民國115年7月1", "民國年7月1日", "民國115年7月1日上午", "民國115/7/1", "中華115年7月1日",
        "民國一一五年七月一日", "115年7月1號", "Jul 1 2026", "today",
        "<script>", "1150701;", "1150701\u0000", "115\u200B0701", "1150701x", "x1150701"
    })
    void rejectsMalformedInput(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t\n", "\u3000"})
    void requiresAValue(String raw) {
        assertThatThrownBy(() -> RocDates.parse(raw))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.messageKey()).isEqualTo("date.roc.required")));
    }

    @Test
    void rejectsInputOver30CharactersWithoutParsingAndEchoesAtMost20() {
        String padded = " ".repeat(25) + "1150701"; // 32 characters: refused even though it would parse trimmed
        assertInvalid(padded, "");
        String hostile = "<script>alert('x')</script>" + "1".repeat(1000);
        assertInvalid(hostile, "<script>alert('x')</");
        assertInvalid("9".repeat(1_000_000), "9".repeat(20));
        String thirty = " ".repeat(23) + "1150701";
        assertThat(RocDates.parse(thirty)).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void echoNeverSplitsASurrogatePair() {
        String raw = "x".repeat(19) + "😀" + "y"; // the emoji sits at chars 19-20
        assertInvalid(raw, "x".repeat(19));
        assertThat(RocDates.echo("ab")).isEqualTo("ab");
    }

    @Test
    void echoesShortInvalidInputWhole() {
        assertInvalid("115/13/1", "115/13/1");
        assertInvalid("  abc  ", "abc");
    }

    // --- formatting ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "2026-07-01, 民國 115 年 7 月 1 日, 115/07/01, 1150701",
        "1977-02-03, 民國 66 年 2 月 3 日, 66/02/03, 0660203",
        "1912-01-01, 民國 1 年 1 月 1 日, 1/01/01, 0010101",
        "2024-02-29, 民國 113 年 2 月 29 日, 113/02/29, 1130229",
        "2010-12-31, 民國 99 年 12 月 31 日, 99/12/31, 0991231",
        "2011-01-01, 民國 100 年 1 月 1 日, 100/01/01, 1000101",
        "1921-10-10, 民國 10 年 10 月 10 日, 10/10/10, 0101010",
        "2910-12-31, 民國 999 年 12 月 31 日, 999/12/31, 9991231"
    })
    void formatsInLongShortAndCompactForms(LocalDate date, String longForm, String shortForm, String compact) {
        assertThat(RocDates.formatLong(date)).isEqualTo(longForm);
        assertThat(RocDates.formatShort(date)).isEqualTo(shortForm);
        assertThat(RocDates.formatCompact(date)).isEqualTo(compact);
        assertThat(RocDates.parse(longForm)).isEqualTo(date);
        assertThat(RocDates.parse(shortForm)).isEqualTo(date);
        assertThat(RocDates.parse(compact)).isEqualTo(date);
    }

    @Test
    void roundTripsEverySupportedDayThroughAllFormats() {
        LocalDate end = LocalDate.of(2910, 12, 31);
        int days = 0;
        for (LocalDate d = LocalDate.of(1912, 1, 1); !d.isAfter(end); d = d.plusDays(1)) {
            String compact = RocDates.formatCompact(d);
            if (!RocDates.parse(compact).equals(d)) {
                throw new AssertionError(compact + " -> " + RocDates.parse(compact) + " != " + d);
            }
            if (d.getDayOfMonth() == 28 || d.getDayOfMonth() == 1) { // the other forms on a sample of days
                assertThat(RocDates.parse(RocDates.formatShort(d))).isEqualTo(d);
                assertThat(RocDates.parse(RocDates.formatLong(d))).isEqualTo(d);
            }
            days++;
        }
        assertThat(days).isEqualTo(364_878); // 999 ROC years: 1912-01-01 .. 2910-12-31
    }

    @Test
    void compactFormIsAlwaysSevenAsciiDigits() {
        for (LocalDate d = LocalDate.of(1912, 1, 1); d.getYear() < 2911; d = d.plusDays(97)) {
            assertThat(RocDates.formatCompact(d)).matches("[0-9]{7}");
        }
    }

    @ParameterizedTest
    @CsvSource({"1912-01-01,1", "1977-02-03,66", "2010-12-31,99", "2011-01-01,100", "2026-07-01,115",
        "2910-12-31,999", "2911-01-01,1000"})
    void rocYearIsGregorianYearMinus1911(LocalDate date, int rocYear) {
        assertThat(RocDates.rocYear(date)).isEqualTo(rocYear);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1911-12-31", "1900-01-01", "0001-01-01", "-0001-06-15"})
    void refusesToFormatDatesBeforeRocYearOne(LocalDate date) {
        assertThatThrownBy(() -> RocDates.formatLong(date)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.formatShort(date)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.formatCompact(date)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.rocYear(date)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToFormatDatesBeyondRocYear999() {
        LocalDate date = LocalDate.of(2911, 1, 1);
        assertThatThrownBy(() -> RocDates.formatCompact(date)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.formatShort(date)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.formatLong(date)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.formatCompact(LocalDate.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocDates.formatCompact(LocalDate.MIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formattingNullIsRefused() {
        assertThatThrownBy(() -> RocDates.formatLong(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RocDates.formatShort(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RocDates.formatCompact(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RocDates.rocYear(null)).isInstanceOf(NullPointerException.class);
    }

    // --- zone and today --------------------------------------------------------------------------------------

    @Test
    void zoneIsAsiaTaipei() {
        assertThat(RocDates.ZONE).isEqualTo(ZoneId.of("Asia/Taipei"));
    }

    @Test
    void todayIsTheDateInTaipeiWhateverTheClockZone() {
        Instant beforeMidnightTaipei = Instant.parse("2026-06-30T15:59:59Z"); // 23:59:59 in Taipei
        Instant midnightTaipei = Instant.parse("2026-06-30T16:00:00Z"); // 00:00 on 1 July in Taipei
        assertThat(RocDates.today(Clock.fixed(beforeMidnightTaipei, ZoneOffset.UTC))).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(RocDates.today(Clock.fixed(midnightTaipei, ZoneOffset.UTC))).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(RocDates.today(Clock.fixed(midnightTaipei, ZoneId.of("America/Los_Angeles"))))
                .isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(RocDates.formatCompact(RocDates.today(Clock.fixed(midnightTaipei, ZoneOffset.UTC))))
                .isEqualTo("1150701");
    }

    @Test
    void isANonInstantiableUtilityClass() throws Exception {
        assertThat(Modifier.isFinal(RocDates.class.getModifiers())).isTrue();
        Constructor<?>[] constructors = RocDates.class.getDeclaredConstructors();
        assertThat(constructors).hasSize(1);
        assertThat(Modifier.isPrivate(constructors[0].getModifiers())).isTrue();
    }
}
