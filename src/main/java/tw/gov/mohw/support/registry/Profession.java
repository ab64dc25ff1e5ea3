package tw.gov.mohw.support.registry;

/** A 醫事人員類別 from professions.csv. */
public record Profession(String code, String nameZh, String nameEn) {
}
