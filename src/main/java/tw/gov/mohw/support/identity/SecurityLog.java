package tw.gov.mohw.support.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.AccessRefused;

/**
 * The security log (ASVS V16): every sign-in attempt, success or failure, with its method and reason, and every
 * refused access, with the address and UTC time. It holds no secret: a national ID is stored masked, and the
 * free-text fields are bounded and cleaned of anything that looks like a code or an ID.
 */
@Component
public class SecurityLog {

    private static final Pattern NATIONAL_ID = Pattern.compile("\\b[A-Za-z][1-2A-Da-d89]\\d{8}\\b");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{6,}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    SecurityLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    public enum Kind { SIGN_IN, SIGN_OUT, ACCESS_REFUSED }

    public enum Outcome { SUCCESS, FAILURE }

    /** One entry as stored. */
    public record Event(Instant at, Kind kind, String method, Outcome outcome, String reason, String subject,
            String ip, String userAgent) {
    }

    /**
     * Records an event in its own transaction, so a refusal that rolls back the request is still logged.
     *
     * @param subject who it concerns: a national ID (stored masked), an institution code or an account name
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Kind kind, String method, Outcome outcome, String reason, String subject, String ip,
            String userAgent) {
        if (kind == Kind.SIGN_IN) {
            // for the operators' Prometheus: sign-ins by method and result (support_signins_total)
            Counter.builder("support.signins").description("Sign-in attempts").tag("method", String.valueOf(method))
                    .tag("outcome", outcome.name()).register(meters).increment();
        }
        jdbc.sql("""
                insert into security_event (at, kind, method, outcome, reason, subject, ip, user_agent)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), kind.name(), clean(method, 40), outcome.name(),
                        clean(reason, 200), subject(subject), clean(ip, 45), clean(userAgent, 300))
                .update();
    }

    /**
     * Records a refused access — Spring Security's own and the application's ({@link AccessRefused}) — unless one
     * account (or, signed out, one address) has had more than {@link #REFUSALS_PER_MINUTE} recorded in the minute,
     * or all together more than {@link #ALL_REFUSALS_PER_MINUTE}: a flood cannot fill the table. What is held back
     * is counted, and said in one entry once the minute is over. Per node: every node has the same bounds.
     */
    public void refused(String subject, String what, String reason, String ip, String userAgent) {
        // counted whether or not the rate limit lets it into the table (support_access_refused_total)
        Counter.builder("support.access.refused").description("Refused accesses")
                .tag("reason", reason == null ? "none" : reason.split(" ", 2)[0]).register(meters).increment();
        String key = subject != null ? subject : "ip:" + ip;
        long minute = clock.instant().getEpochSecond() / 60;
        String held;
        synchronized (refusals) {
            if (minute != refusalMinute) {
                held = suppressed > 0 ? suppressed + " refusals not recorded in the minute before (rate limit)" : null;
                refusals.clear();
                refusalMinute = minute;
                suppressed = 0;
            } else {
                held = null;
            }
            int forKey = refusals.merge(key, 1, Integer::sum);
            int all = refusals.merge("", 1, Integer::sum);
            if (forKey > REFUSALS_PER_MINUTE || all > ALL_REFUSALS_PER_MINUTE) {
                suppressed++;
                return;
            }
        }
        if (held != null) {
            record(Kind.ACCESS_REFUSED, null, Outcome.FAILURE, held, null, null, null);
        }
        record(Kind.ACCESS_REFUSED, null, Outcome.FAILURE, reason + " " + what, subject, ip, userAgent);
    }

    @EventListener
    void on(AccessRefused refused) {
        refused(refused.actor(), refused.what(), refused.reason(), refused.address(), refused.userAgent());
    }

    static final int REFUSALS_PER_MINUTE = 30;
    static final int ALL_REFUSALS_PER_MINUTE = 600;
    private final java.util.Map<String, Integer> refusals = new java.util.HashMap<>();
    private long refusalMinute;
    private long suppressed;

    /**
     * The newest events about {@code subject}, matched as stored: for a national ID that is its masked form, which
     * about ten thousand people share, so the result may include their events too.
     */
    public List<Event> about(String subject, int limit) {
        return jdbc.sql("select * from security_event where subject = ? order by at desc, id desc limit ?")
                .params(subject(subject), Math.min(Math.max(limit, 1), 1000))
                .query((rs, n) -> new Event(rs.getTimestamp("at").toInstant(), Kind.valueOf(rs.getString("kind")),
                        rs.getString("method"), Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"),
                        rs.getString("subject"), rs.getString("ip"), rs.getString("user_agent")))
                .list();
    }

    static String subject(String subject) {
        if (subject == null) {
            return null;
        }
        String s = subject.strip();
        // Only a national ID is masked (also within an account name): an institution code or an account name is
        // what an investigator needs.
        return NationalId.isValid(s) ? NationalId.parse(s).masked() : NationalId.maskAll(oneLine(s, 100));
    }

    /** Bounded, one line, and no ID or long digit run (a code, a card or phone number) left readable. */
    static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        String s = oneLine(text, Integer.MAX_VALUE);
        s = NATIONAL_ID.matcher(s).replaceAll(m -> m.group().substring(0, 6) + "****");
        s = DIGIT_RUN.matcher(s).replaceAll("******");
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** One line (no forged entries), bounded. */
    private static String oneLine(String text, int max) {
        String s = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return s.length() > max ? s.substring(0, max) : s;
    }
}
