package tw.gov.mohw.support.registry;

/** A 診療科別 from departments.csv. */
public record Department(String code, String nameZh) {
}
