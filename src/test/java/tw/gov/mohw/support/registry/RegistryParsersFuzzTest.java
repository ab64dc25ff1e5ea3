package tw.gov.mohw.support.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import tw.gov.mohw.support.shared.DomainException;

/**
 * Coverage-guided fuzzing of what people type: anything at all either reads as a valid value that reads back the
 * same, or is refused with the parser's own {@link DomainException} (which the API and pages turn into a message).
 * Any other exception, or a value that does not survive its round trip, is a finding. Under {@code mvn verify} the
 * kept inputs in {@code RegistryParsersFuzzTestInputs} are replayed; {@code ./run-tests} fuzzes each target anew.
 */
class RegistryParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void nationalId(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        NationalId id;
        try {
            id = NationalId.parse(raw);
        } catch (DomainException refused) {
            require(!NationalId.isValid(raw), "refused but isValid: " + raw);
            return;
        }
        require(NationalId.isValid(raw), "parsed but not isValid: " + raw);
        require(id.value().length() == 10 && id.value().equals(id.value().strip()), "not ten characters: " + id);
        require(NationalId.parse(id.value()).equals(id), "does not read back: " + id);
    }

    @FuzzTest(maxDuration = "30s")
    void institutionCode(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        InstitutionCode code;
        try {
            code = InstitutionCode.parse(raw);
        } catch (DomainException refused) {
            require(!InstitutionCode.isValid(raw), "refused but isValid: " + raw);
            return;
        }
        require(code.value().matches("[0-9]{10}"), "not ten ASCII digits: " + code);
        require(InstitutionCode.parse(code.value()).equals(code), "does not read back: " + code);
    }

    @FuzzTest(maxDuration = "30s")
    void rocDate(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        LocalDate date;
        try {
            date = RocDates.parse(raw);
        } catch (DomainException refused) {
            return;
        }
        int year = RocDates.rocYear(date);
        require(year >= RocDates.MIN_YEAR && year <= RocDates.MAX_YEAR, "year out of range: " + date);
        // every written form reads back as the same day
        for (String written : new String[] {RocDates.formatCompact(date), RocDates.formatShort(date),
                RocDates.formatLong(date)}) {
            require(RocDates.parse(written).equals(date), written + " does not read back as " + date);
        }
    }

    private static void require(boolean holds, String finding) {
        if (!holds) {
            throw new AssertionError(finding);
        }
    }
}
