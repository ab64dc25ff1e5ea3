package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * After every other test of the build (failsafe runs after surefire): no line the application logged in the whole
 * run — every test JVM appends to this build's {@code target/test-logs/run-<timestamp>.log}
 * ({@code src/test/resources/logback-test.xml}) — carries anything shaped like a national ID (valid or not), a
 * mobile number or an NHI card number in full. One test cannot see the others' logs; this reads them all.
 */
class LogScanIT {

    static final Pattern UNMASKED = Pattern.compile("(^|[^A-Za-z0-9])[A-Z][12890A-D][0-9]{8}([^0-9]|$)"
            + "|(^|[^0-9])09[0-9]{8}([^0-9]|$)|(^|[^0-9])[0-9]{12}([^0-9]|$)");

    @Test
    void noLogLineOfTheWholeRunHasAnIdMobileOrCardNumberInFull() throws Exception {
        Path log = Path.of(System.getProperty("SUPPORT_TEST_LOG", "target/test-logs/application.log"));
        assertThat(log).as("the build's test log").exists();
        // bytes as Latin-1: the shapes are ASCII, and no line may be skipped for a character it holds
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        assertThat(lines).as("the tests logged through the real logging").isNotEmpty();
        List<String> unmasked = lines.stream().filter(l -> UNMASKED.matcher(l).find()).limit(20).toList();
        assertThat(unmasked).as("log lines of %s with a national ID, mobile or card number in full", log).isEmpty();
        System.out.println("Scanned " + lines.size() + " log lines of " + log
                + ": no national ID, mobile or card number in full");
    }
}
