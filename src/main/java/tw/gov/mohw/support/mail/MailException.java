package tw.gov.mohw.support.mail;

/** A message the mail server did not accept, and why. Never carries the account's password. */
public class MailException extends RuntimeException {

    private final boolean retryable;

    public MailException(boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the same message may succeed later: the server was unreachable, busy or refused us for now. */
    public boolean retryable() {
        return retryable;
    }
}
