package tw.gov.mohw.support.report;

/**
 * Which bureaus a report belongs to (醫療機構設置標準 §20; for pharmacists 藥師於執業處所外執行業務管理辦法 §2; see
 * docs/domain.md "Routing"): the bureau of the county where the person's practice is registered — the home
 * institution's — reviews and decides; when the supported institution is in another county (越區支援), that county's
 * bureau is informed (副知) and may read, never decide. In one county, one bureau and nobody informed.
 *
 * @param deciding the county code of the deciding bureau
 * @param informed the county code of the informed bureau, or {@code null}
 */
public record Jurisdiction(String deciding, String informed) {

    public static Jurisdiction of(String homeCounty, String supportedCounty) {
        return new Jurisdiction(homeCounty, homeCounty.equals(supportedCounty) ? null : supportedCounty);
    }
}
