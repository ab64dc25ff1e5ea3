package tw.gov.mohw.support.testenv;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tw.gov.mohw.support.mail.MailException;
import tw.gov.mohw.support.mail.MailGateway;
import tw.gov.mohw.support.mail.MailHealthIndicator;

/**
 * TEST ENVIRONMENT ONLY: a mail server that delivers into an outbox the test environment shows, refusing what a
 * real server refuses (an address that is not one, an empty subject or body) and keeping a message it has already
 * accepted once. Addresses at {@code unreachable.invalid} make the server "unreachable", to try the retry path. The
 * outbox is a table ({@code simulated_message}), so every node of a cluster shows what any of them sent.
 */
public class SimulatedMailGateway implements MailGateway {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}");

    /** A message as the outbox shows it. */
    public record Message(Instant at, String to, String subject, String body) {
    }

    private final SimulatedOutbox outbox;
    private final MailHealthIndicator health;

    SimulatedMailGateway(SimulatedOutbox outbox, MailHealthIndicator health) {
        this.outbox = outbox;
        this.health = health;
    }

    @Override
    public void send(String to, String subject, String body, String reference) {
        try {
            deliver(to, subject, body, reference);
            health.succeeded();
        } catch (MailException e) {
            health.record(e);
            throw e;
        }
    }

    private void deliver(String to, String subject, String body, String reference) {
        if (to == null || !ADDRESS.matcher(to).matches()) {
            throw new MailException(false, "not an e-mail address", null);
        }
        if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
            throw new MailException(false, "empty subject or body", null);
        }
        if (to.endsWith("@unreachable.invalid")) {
            throw new MailException(true, "simulated: the mail server did not answer", null);
        }
        outbox.deliver(SimulatedOutbox.Channel.EMAIL, to, subject, body, reference);
    }

    /** Newest first. */
    public List<Message> outbox() {
        return outbox.newest(SimulatedOutbox.Channel.EMAIL, null).stream().map(SimulatedMailGateway::message).toList();
    }

    /** The newest message to {@code to}, if any. */
    public Optional<Message> latestTo(String to) {
        return outbox.newest(SimulatedOutbox.Channel.EMAIL, to).stream().findFirst().map(SimulatedMailGateway::message);
    }

    private static Message message(SimulatedOutbox.Delivered d) {
        return new Message(d.at(), d.recipient(), d.subject(), d.body());
    }
}
