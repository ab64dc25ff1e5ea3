package tw.gov.mohw.support.report;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The rule parameters of domain.md, never from code: the longest period, how many days after the fact a category
 * may be reported, which professions a category allows, the optional weekly hours cap and whether a category takes
 * new reports. A category's own value wins over the default. Configuration ({@code support.rules.*}) gives the
 * first values; once a system administrator saves them on the administration screen, the newest saved version is in
 * force ({@link RuleParameters}).
 *
 * @param maxPeriod the longest period by default (P1Y)
 * @param retroactiveDays how many days after the fact a report may be filed by default (0: never)
 */
@Validated
@ConfigurationProperties("support.rules")
public record ReportRules(@NotNull java.time.Period maxPeriod, @Min(0) int retroactiveDays,
        Map<SupportCategory, Category> categories, Map<String, Integer> weeklyHoursCapByProfession) {

    public ReportRules {
        categories = categories == null ? new EnumMap<>(SupportCategory.class) : new EnumMap<>(categories);
        // Profession codes are upper case (A, B, …); environment variables arrive lower-cased.
        weeklyHoursCapByProfession = weeklyHoursCapByProfession == null ? Map.of()
                : weeklyHoursCapByProfession.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                        e -> e.getKey().toUpperCase(java.util.Locale.ROOT), Map.Entry::getValue));
    }

    public java.time.Period maxPeriod(SupportCategory category) {
        Category c = categories.get(category);
        return c != null && c.maxPeriod() != null ? c.maxPeriod() : maxPeriod;
    }

    public int retroactiveDays(SupportCategory category) {
        Category c = categories.get(category);
        if (c != null && c.longTermCareOnly()) {
            return 0; // 長照機構支援 is never reported after the fact, whatever the configuration says.
        }
        return c != null && c.retroactiveDays() != null ? c.retroactiveDays() : retroactiveDays;
    }

    /** The professions the category allows; empty means every profession. */
    public Set<String> professions(SupportCategory category) {
        Category c = categories.get(category);
        return c == null || c.professions() == null ? Set.of() : c.professions();
    }

    /**
     * Rule 5: the most hours a week a person of {@code profession} may support in total, across all their live
     * reports, when filing in {@code category}: the smaller of the category's and the profession's caps, or
     * {@code null} when neither is configured (the default).
     */
    public Integer weeklyHoursCap(SupportCategory category, String profession) {
        Category c = categories.get(category);
        Integer byCategory = c == null ? null : c.weeklyHoursCap();
        Integer byProfession = profession == null ? null : weeklyHoursCapByProfession.get(profession);
        if (byCategory == null) {
            return byProfession;
        }
        return byProfession == null ? byCategory : Math.min(byCategory, byProfession);
    }

    public boolean longTermCareOnly(SupportCategory category) {
        Category c = categories.get(category);
        return c != null && c.longTermCareOnly();
    }

    /** Whether new reports may be made in the category (a closed one keeps its existing reports going). */
    public boolean open(SupportCategory category) {
        Category c = categories.get(category);
        return c == null || !c.closed();
    }

    /** The category's own parameters, or none (all defaults). */
    public Category category(SupportCategory category) {
        return categories.getOrDefault(category, new Category(null, null, null, null, false, false));
    }

    /**
     * One category's parameters; {@code null} means "the default".
     *
     * @param closed no new reports in this category (existing ones are unaffected)
     */
    public record Category(java.time.Period maxPeriod, @Min(0) Integer retroactiveDays, Set<String> professions,
            @Min(1) Integer weeklyHoursCap, boolean longTermCareOnly, boolean closed) {

        public Category {
            professions = professions == null || professions.isEmpty() ? null : Set.copyOf(professions);
        }
    }
}
