package tw.gov.mohw.support.registry;

/** One of the 22 local health bureaus (衛生局), keyed by its county's administrative code. */
public record HealthBureau(String countyCode, String countyName, String name, String shortName) {
}
