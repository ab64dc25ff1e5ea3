package tw.gov.mohw.support.registry;

import java.time.LocalDate;

/**
 * A 執業登記: where a person may practise, in which profession, from when to when. The one that is practising on a
 * given day names the person's home institution (執業機構).
 *
 * @param validTo the last day, or {@code null} while open-ended
 */
public record PracticeRegistration(long practitionerId, InstitutionCode institutionCode, String professionCode,
        Status status, LocalDate validFrom, LocalDate validTo) {

    /** Whether this registration lets the person practise on every day from {@code from} to {@code to}. */
    public boolean covers(LocalDate from, LocalDate to) {
        return status == Status.PRACTISING && !validFrom.isAfter(from) && (validTo == null || !validTo.isBefore(to));
    }

    /** 執業中, 停業, 歇業. */
    public enum Status { PRACTISING, SUSPENDED, CLOSED }
}
