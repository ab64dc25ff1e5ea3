package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Rule parameters bind from configuration the way an operator writes them. */
class ReportRulesTest {

    static ReportRules bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("support.rules", ReportRules.class).get();
    }

    @Test
    void categoryAndProfessionCapsTakeTheSmaller() {
        ReportRules rules = bind(Map.of(
                "support.rules.max-period", "P1Y",
                "support.rules.categories.OUTREACH.weekly-hours-cap", "10",
                "support.rules.weekly-hours-cap-by-profession.a", "8",
                "support.rules.weekly-hours-cap-by-profession.F", "40"));
        assertThat(rules.weeklyHoursCap(SupportCategory.OUTREACH, "A")).isEqualTo(8);
        assertThat(rules.weeklyHoursCap(SupportCategory.OUTREACH, "F")).isEqualTo(10);
        assertThat(rules.weeklyHoursCap(SupportCategory.REGULAR, "F")).isEqualTo(40);
        assertThat(rules.weeklyHoursCap(SupportCategory.REGULAR, "D")).isNull();
    }

    @Test
    void longTermCareIsNeverAfterTheFactWhateverTheConfiguration() {
        ReportRules rules = bind(Map.of(
                "support.rules.max-period", "P1Y",
                "support.rules.retroactive-days", "5",
                "support.rules.categories.LONG_TERM_CARE.long-term-care-only", "true",
                "support.rules.categories.LONG_TERM_CARE.retroactive-days", "7",
                "support.rules.categories.OTHER.max-period", "P3M"));
        assertThat(rules.retroactiveDays(SupportCategory.LONG_TERM_CARE)).isZero();
        assertThat(rules.retroactiveDays(SupportCategory.REGULAR)).isEqualTo(5);
        assertThat(rules.maxPeriod(SupportCategory.OTHER)).isEqualTo(java.time.Period.ofMonths(3));
        assertThat(rules.maxPeriod(SupportCategory.REGULAR)).isEqualTo(java.time.Period.ofYears(1));
    }
}
