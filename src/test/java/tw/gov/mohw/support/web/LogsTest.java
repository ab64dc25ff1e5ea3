package tw.gov.mohw.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No log line carries a national ID, mobile or card number whole: not the pattern layout, not production's JSON. */
class LogsTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("tw.gov.mohw.support.Example");

    private LoggingEvent event(String message, Throwable thrown) {
        var event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, thrown, null);
        event.setMDCPropertyMap(Map.of("requestId", "req-12345678"));
        return event;
    }

    @Test
    void theMasksKeepTheShapeAndNothingElse() {
        assertThat(LogMasking.mask("practitioner:A123456789 signed in from 0912345678 with card 000012345678"))
                .isEqualTo("practitioner:A12345**** signed in from 09*****678 with card *********678");
        // a mistyped ID is somebody's all the same
        assertThat(LogMasking.mask("id Q100000001 and X199999999")).isEqualTo("id Q10000**** and X19999****");
        // what is not one stays: a case number, an institution code, a time, a longer number
        String plain = "case 北市115-000123, institution 0101090517, at 2026-12-04T09:12:30Z, epoch 1764839550123";
        assertThat(LogMasking.mask(plain)).isEqualTo(plain);
    }

    @Test
    void thePatternLayoutMasksMessagesAndStackTraces() {
        var layout = new MaskingPatternLayout();
        layout.setContext(context);
        layout.setPattern("[%X{requestId}] %m%n%ex");
        layout.start();
        String line = layout.doLayout(event("refused practitioner:A123456789",
                new IllegalStateException("duplicate key (national_id)=(A123456789), mobile 0912345678")));
        assertThat(line).contains("[req-12345678] refused practitioner:A12345****", "(A12345****)", "09*****678")
                .doesNotContain("A123456789").doesNotContain("0912345678");
    }

    @Test
    void productionLogsAreEcsJsonWithTheRequestIdAndMasked() {
        // as Spring Boot's logging system does before it reads logback-spring.xml
        context.putObject(org.springframework.core.env.Environment.class.getName(),
                new org.springframework.mock.env.MockEnvironment());
        var encoder = new MaskingStructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        String json = new String(encoder.encode(event("signed in practitioner:A123456789", null)),
                StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"message\":\"signed in practitioner:A12345****\"",
                "\"requestId\":\"req-12345678\"", "\"log\":{\"level\":\"WARN\"").doesNotContain("A123456789");
    }

    /**
     * A canary through the suite's real logging: LogScanIT scans the whole run's log and fails on any ID, mobile or
     * card number in full, so this line proves the layouts mask what the code hands them (remove the masking and
     * the run fails).
     */
    @Test
    void aCanaryThroughTheRealLogging() {
        org.slf4j.LoggerFactory.getLogger(LogsTest.class)
                .warn("canary: practitioner:A123456789 asked from 0912345678 with card 000012345678");
    }
}
