package tw.gov.mohw.support.registry;

import java.time.LocalDate;

/** A registered medical professional (醫事人員). */
public record Practitioner(long id, NationalId nationalId, String name, LocalDate birthDate, String professionCode,
        String certificateNumber, String mobile) {
}
