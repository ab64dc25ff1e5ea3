package tw.gov.mohw.support.testenv;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tw.gov.mohw.support.mail.MailException;
import tw.gov.mohw.support.mail.MailGateway;

/**
 * TEST ENVIRONMENT ONLY: a mail server that delivers into an outbox the test environment shows, refusing what a
 * real server refuses (an address that is not one, an empty subject or body) and keeping a message it has already
 * accepted once. Addresses at {@code unreachable.invalid} make the server "unreachable", to try the retry path.
 */
public class SimulatedMailGateway implements MailGateway {

    private static final int KEEP = 200;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}");

    /** A message as the outbox shows it. */
    public record Message(Instant at, String to, String subject, String body) {
    }

    private final Deque<Message> outbox = new ArrayDeque<>();
    private final Set<String> references = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public SimulatedMailGateway(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void send(String to, String subject, String body, String reference) {
        if (to == null || !ADDRESS.matcher(to).matches()) {
            throw new MailException(false, "not an e-mail address", null);
        }
        if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
            throw new MailException(false, "empty subject or body", null);
        }
        if (to.endsWith("@unreachable.invalid")) {
            throw new MailException(true, "simulated: the mail server did not answer", null);
        }
        if (reference != null && !references.add(reference)) {
            return;
        }
        synchronized (outbox) {
            outbox.addFirst(new Message(clock.instant(), to, subject, body));
            while (outbox.size() > KEEP) {
                outbox.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<Message> outbox() {
        synchronized (outbox) {
            return List.copyOf(outbox);
        }
    }

    /** The newest message to {@code to}, if any. */
    public Optional<Message> latestTo(String to) {
        return outbox().stream().filter(m -> m.to().equals(to)).findFirst();
    }
}
