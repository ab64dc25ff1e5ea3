package tw.gov.mohw.support.testenv;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the simulated SMS provider and mail server deliver: a table every node reads ({@code simulated_message}),
 * newest first, the newest {@value #KEEP} of each channel kept.
 */
class SimulatedOutbox {

    static final int KEEP = 1000;

    enum Channel { SMS, EMAIL }

    record Delivered(long id, Instant at, String recipient, String subject, String body) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SimulatedOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Delivers once per reference (a provider handed the same message again does not send it twice, and counts the
     * hand-over: {@code handed_over}); the id.
     */
    long deliver(Channel channel, String recipient, String subject, String body, String reference) {
        record Outcome(long id, boolean inserted) {
        }
        Outcome outcome = jdbc.sql("""
                insert into simulated_message (channel, recipient, subject, body, reference, sent_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (channel, reference) do update set handed_over = simulated_message.handed_over + 1
                returning id, xmax = 0""")
                .params(channel.name(), recipient, subject, body, reference, clock.instant().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Outcome(rs.getLong(1), rs.getBoolean(2))).single();
        if (outcome.inserted()) {
            jdbc.sql("""
                    delete from simulated_message where channel = ? and id <= (select id from simulated_message
                     where channel = ? order by id desc offset ? limit 1)""")
                    .params(channel.name(), channel.name(), KEEP).update();
        }
        return outcome.id();
    }

    /** Newest first: everything kept, or what went to {@code recipient}. */
    List<Delivered> newest(Channel channel, String recipient) {
        return jdbc.sql("""
                select id, sent_at, recipient, subject, body from simulated_message
                 where channel = ? and (cast(? as text) is null or recipient = ?) order by id desc limit ?""")
                .params(channel.name(), recipient, recipient, KEEP)
                .query((rs, n) -> new Delivered(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class)
                        .toInstant(), rs.getString(3), rs.getString(4), rs.getString(5))).list();
    }
}
