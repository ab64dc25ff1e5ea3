package tw.gov.mohw.support.audit.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import tw.gov.mohw.support.registry.NationalId;

/**
 * An audit entry as a person reads it on the page: Chinese (or English) names for accounts, actions, subjects and
 * details, every national ID masked. The entry itself stays as recorded in the database, where the hash chain
 * covers it.
 */
public final class AuditText {

    private static final Pattern ACCOUNT = Pattern.compile("(practitioner|institution|staff):(.+)");
    private static final Pattern SUBJECT = Pattern.compile("(report|practitioner|announcement|rules):(\\d+)");
    private static final Pattern PAIR = Pattern.compile("(\\w+)=((?:(?! \\w+=).)*)");

    private final MessageSource messages;
    private final Locale locale;

    AuditText(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** {@code practitioner:A123456789} → 醫事人員 A12345****; {@code staff:alice} → 人員 alice. */
    public String actor(String account) {
        Matcher m = ACCOUNT.matcher(account == null ? "" : account);
        if (!m.matches()) {
            return NationalId.maskAll(account);
        }
        return text("audit.account." + m.group(1), m.group(1)) + " " + NationalId.maskAll(m.group(2));
    }

    /** {@code report.approve} → 核准 (the report's history uses the same words). */
    public String action(String action) {
        if (action != null && action.startsWith("report.") && action.indexOf('.', 7) < 0) {
            return text("action." + action.substring(7).toUpperCase(Locale.ROOT), action);
        }
        return text("audit.action." + action, action);
    }

    /** {@code report:12} → 報備 #12. */
    public String subject(String subject) {
        Matcher m = SUBJECT.matcher(subject == null ? "" : subject);
        return m.matches() ? text("audit.subject." + m.group(1), m.group(1)) + " #" + m.group(2)
                : NationalId.maskAll(subject);
    }

    /** {@code status=REJECTED case=北市115-000001 reason=…} → 狀態：駁回；案號：北市115-000001；原因：… */
    public String details(String details) {
        if (details == null) {
            return "";
        }
        Matcher m = PAIR.matcher(details);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = m.group(2).strip();
            if (key.equals("status")) {
                value = text("enum.ReportStatus." + value, value);
            }
            if (!out.isEmpty()) {
                out.append("；");
            }
            out.append(text("audit.detail." + key, key)).append("：").append(NationalId.maskAll(value));
        }
        return out.isEmpty() ? NationalId.maskAll(details) : out.toString();
    }

    private String text(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
