package tw.gov.mohw.support.web;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's pattern layout, with {@link LogMasking} over the whole line, stack trace included. */
public class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogMasking.mask(super.doLayout(event));
    }
}
