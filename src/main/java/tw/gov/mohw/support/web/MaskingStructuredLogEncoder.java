package tw.gov.mohw.support.web;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Spring Boot's structured (JSON) log encoder, with {@link LogMasking} over each encoded line: production logs are
 * ECS JSON (one object a line) that never carries a national ID, mobile or card number whole.
 */
public class MaskingStructuredLogEncoder extends StructuredLogEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        // the masks change only letters and digits, never JSON's structure
        return LogMasking.mask(new String(super.encode(event), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
