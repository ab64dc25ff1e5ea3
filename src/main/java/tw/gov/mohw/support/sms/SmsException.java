package tw.gov.mohw.support.sms;

/** A message the provider did not accept, and why. Never carries the account's password. */
public class SmsException extends RuntimeException {

    private final Reason reason;

    public SmsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SmsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the same message may succeed later: the provider was unreachable or did not answer in time. */
    public boolean retryable() {
        return reason == Reason.UNAVAILABLE || reason == Reason.TIMEOUT;
    }

    public enum Reason {
        /** The number is not a Taiwanese mobile number, or the provider refused it. */
        INVALID_NUMBER,
        /** The provider refused the text (length, characters). */
        INVALID_CONTENT,
        /** The provider refused our account (wrong password, disabled, out of credit): an operator must act. */
        ACCOUNT,
        /** The provider could not be reached, failed, or answered something unreadable. */
        UNAVAILABLE,
        /** No answer in time: the message may or may not have been sent (retry with the same reference). */
        TIMEOUT
    }
}
