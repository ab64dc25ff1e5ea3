package tw.gov.mohw.support.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.mail.MailException;
import tw.gov.mohw.support.mail.MailGateway;
import tw.gov.mohw.support.sms.SmsException;
import tw.gov.mohw.support.sms.SmsGateway;

/**
 * Delivers waiting messages. Each node claims a batch with {@code FOR UPDATE SKIP LOCKED} and leases it (the claim
 * moves the message's next attempt a lease ahead), so two nodes never send the same message at once and a node that
 * dies mid-send leaves it to another after the lease; a node sends only in the first half of its lease, and records
 * an outcome only while its claim holds. A failure the provider calls temporary is retried with doubling back-off
 * (1 minute up to an hour); a final one, or {@code maxAttempts} temporary ones, ends it as FAILED. The row id goes to
 * the provider as its reference: an SMS provider drops a repeated one; for e-mail it is the Message-ID, so a message
 * sent twice after a crash can at least be recognised as the same.
 */
@Component
class NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Optional<SmsGateway> sms;
    private final Optional<MailGateway> mail;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationSender(JdbcClient jdbc, ObjectProvider<SmsGateway> sms, ObjectProvider<MailGateway> mail,
            NotificationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.sms = Optional.ofNullable(sms.getIfAvailable());
        this.mail = Optional.ofNullable(mail.getIfAvailable());
        this.properties = properties;
        this.clock = clock;
    }

    private record Due(long id, Channel channel, String address, String subject, String body, int attempts) {
    }

    /** Sends what is due, a batch at a time, for at most one poll interval's worth of batches. */
    @Scheduled(fixedDelayString = "${support.notifications.poll:PT2S}", initialDelayString = "PT5S")
    void deliverDue() {
        for (int i = 0; i < 50 && deliverBatch() == properties.batch(); i++) {
            // a full batch: there may be more waiting
        }
    }

    /** Claims and sends one batch; returns how many messages it claimed. */
    int deliverBatch() {
        Instant claimed = clock.instant();
        List<Due> due = jdbc.sql("""
                update notification set attempts = attempts + 1, next_attempt_at = ?
                where id in (select id from notification where status = 'PENDING' and next_attempt_at <= ?
                             order by next_attempt_at limit ? for update skip locked)
                returning id, channel, address, subject, body, attempts""")
                .params(utc(claimed.plus(properties.lease())), utc(claimed), properties.batch())
                .query((rs, i) -> new Due(rs.getLong(1), Channel.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6)))
                .list();
        // Send only while the claim surely holds (half the lease): what is left is handed back for any node now,
        // rather than sent late by this one while another has claimed it again.
        Instant sendUntil = claimed.plus(properties.lease().dividedBy(2));
        for (Due d : due) {
            if (clock.instant().isAfter(sendUntil)) {
                jdbc.sql("update notification set attempts = attempts - 1, next_attempt_at = ? "
                        + "where id = ? and attempts = ? and status = 'PENDING'")
                        .params(utc(clock.instant()), d.id(), d.attempts()).update();
                continue;
            }
            deliver(d);
        }
        return due.size();
    }

    private void deliver(Due d) {
        String reference = "notification-" + d.id();
        String providerId;
        try {
            providerId = switch (d.channel()) {
                case SMS -> sms.orElseThrow(() -> new SmsException(SmsException.Reason.ACCOUNT, "no SMS provider"))
                        .send(d.address(), d.body(), reference);
                case EMAIL -> {
                    mail.orElseThrow(() -> new MailException(true, "no mail server", null))
                            .send(d.address(), d.subject(), d.body(), reference);
                    yield reference;
                }
            };
        } catch (SmsException e) {
            failed(d, e.retryable() || e.reason() == SmsException.Reason.ACCOUNT, e.reason() + ": " + e.getMessage());
            return;
        } catch (MailException e) {
            failed(d, e.retryable(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            failed(d, true, e.getClass().getSimpleName());
            return;
        }
        // outside the try: a database hiccup here must not turn a sent message into one to send again
        jdbc.sql("update notification set status = 'SENT', sent_at = ?, provider_id = ?, last_error = null "
                + "where id = ? and attempts = ?").params(utc(clock.instant()), providerId, d.id(), d.attempts())
                .update();
    }

    /** {@code retryable}: the same message may go through later (an account problem included: an operator fixes it). */
    private void failed(Due d, boolean retryable, String error) {
        boolean giveUp = !retryable || d.attempts() >= properties.maxAttempts();
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(d.attempts() - 1, 10));
        if (backoff.compareTo(LAST_RETRY) > 0) {
            backoff = LAST_RETRY;
        }
        // only while this node's claim holds (attempts unchanged): another node's later attempt has the last word
        jdbc.sql("update notification set status = ?, next_attempt_at = ?, last_error = ? where id = ? and attempts = ?")
                .params(giveUp ? "FAILED" : "PENDING", utc(clock.instant().plus(backoff)), error, d.id(), d.attempts())
                .update();
        if (giveUp) {
            log.warn("Notification {} ({}) given up after {} attempt(s): {}", d.id(), d.channel(), d.attempts(), error);
        } else {
            log.info("Notification {} ({}) not sent, retrying in {}: {}", d.id(), d.channel(), backoff, error);
        }
    }

    /** Sent and failed messages hold names and addresses: kept for {@code keep}, then removed. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void purge() {
        int removed = jdbc.sql("delete from notification where status <> 'PENDING' and created_at < ?")
                .param(utc(clock.instant().minus(properties.keep()))).update();
        if (removed > 0) {
            log.info("Notification housekeeping removed {} old messages", removed);
        }
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
