package tw.gov.mohw.support.registry;

/** A 醫事機構: where people practise and where they support. */
public record Institution(InstitutionCode code, String name, Type type, String countyCode, String address,
        Status status) {

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public enum Type { HOSPITAL, CLINIC, PHARMACY, NURSING, LONG_TERM_CARE, OTHER }

    /** 開業, 停業, 歇業. */
    public enum Status { OPEN, SUSPENDED, CLOSED }
}
