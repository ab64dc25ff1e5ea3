package tw.gov.mohw.support.testenv;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tw.gov.mohw.support.sms.SmsException;
import tw.gov.mohw.support.sms.SmsGateway;

/**
 * TEST ENVIRONMENT ONLY: an SMS provider that delivers into an outbox the test environment shows, refusing what a
 * real provider refuses (a number that is not a Taiwanese mobile, an empty or over-long text) and dropping a
 * reference it has already accepted. Numbers ending in 0000 are "unreachable", to try the failure path.
 */
public class SimulatedSmsGateway implements SmsGateway {

    private static final int KEEP = 200;
    private static final int MAX_TEXT = 335; // a long SMS of five 67-character UCS-2 parts

    /** A message as the outbox shows it. */
    public record Message(String id, Instant at, String mobile, String text) {
    }

    private final Deque<Message> outbox = new ArrayDeque<>();
    private final Set<String> references = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(100000);
    private final Clock clock;

    public SimulatedSmsGateway(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String send(String mobile, String text, String reference) {
        if (mobile == null || !mobile.matches("09\\d{8}")) {
            throw new SmsException(SmsException.Reason.INVALID_NUMBER, "not a Taiwanese mobile number");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new SmsException(SmsException.Reason.INVALID_CONTENT, "empty or too long");
        }
        if (mobile.endsWith("0000")) {
            throw new SmsException(SmsException.Reason.UNAVAILABLE, "simulated: the carrier did not answer");
        }
        String id = "SIM" + ids.incrementAndGet();
        if (reference != null && !references.add(reference)) {
            return id; // already sent: a real provider does not send it twice
        }
        synchronized (outbox) {
            outbox.addFirst(new Message(id, clock.instant(), mobile, text));
            while (outbox.size() > KEEP) {
                outbox.removeLast();
            }
        }
        return id;
    }

    /** Newest first. */
    public List<Message> outbox() {
        synchronized (outbox) {
            return List.copyOf(outbox);
        }
    }

    /** The newest message to {@code mobile}, if any. */
    public java.util.Optional<Message> latestTo(String mobile) {
        return outbox().stream().filter(m -> m.mobile().equals(mobile)).findFirst();
    }
}
