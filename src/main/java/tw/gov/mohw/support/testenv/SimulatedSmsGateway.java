package tw.gov.mohw.support.testenv;

import java.time.Instant;
import java.util.List;
import tw.gov.mohw.support.sms.SmsException;
import tw.gov.mohw.support.sms.SmsGateway;
import tw.gov.mohw.support.sms.SmsHealthIndicator;

/**
 * TEST ENVIRONMENT ONLY: an SMS provider that delivers into an outbox the test environment shows, refusing what a
 * real provider refuses (a number that is not a Taiwanese mobile, an empty or over-long text) and dropping a
 * reference it has already accepted. Numbers ending in 0000 are "unreachable", to try the failure path. The outbox is
 * a table ({@code simulated_message}), so every node of a cluster shows what any of them sent.
 */
public class SimulatedSmsGateway implements SmsGateway {

    private static final int MAX_TEXT = 335; // a long SMS of five 67-character UCS-2 parts

    /** A message as the outbox shows it. */
    public record Message(String id, Instant at, String mobile, String text) {
    }

    private final SimulatedOutbox outbox;
    private final SmsHealthIndicator health;

    SimulatedSmsGateway(SimulatedOutbox outbox, SmsHealthIndicator health) {
        this.outbox = outbox;
        this.health = health;
    }

    @Override
    public String send(String mobile, String text, String reference) {
        try {
            String id = deliver(mobile, text, reference);
            health.succeeded();
            return id;
        } catch (SmsException e) {
            health.record(e);
            throw e;
        }
    }

    private String deliver(String mobile, String text, String reference) {
        if (mobile == null || !mobile.matches("09\\d{8}")) {
            throw new SmsException(SmsException.Reason.INVALID_NUMBER, "not a Taiwanese mobile number");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new SmsException(SmsException.Reason.INVALID_CONTENT, "empty or too long");
        }
        if (mobile.endsWith("0000")) {
            throw new SmsException(SmsException.Reason.UNAVAILABLE, "simulated: the carrier did not answer");
        }
        return "SIM" + outbox.deliver(SimulatedOutbox.Channel.SMS, mobile, null, text, reference);
    }

    /** Newest first. */
    public List<Message> outbox() {
        return outbox.newest(SimulatedOutbox.Channel.SMS, null).stream().map(SimulatedSmsGateway::message).toList();
    }

    /** The newest message to {@code mobile}, if any. */
    public java.util.Optional<Message> latestTo(String mobile) {
        return outbox.newest(SimulatedOutbox.Channel.SMS, mobile).stream().findFirst().map(SimulatedSmsGateway::message);
    }

    private static Message message(SimulatedOutbox.Delivered d) {
        return new Message("SIM" + d.id(), d.at(), d.recipient(), d.body());
    }
}
