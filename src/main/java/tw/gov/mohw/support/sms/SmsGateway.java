package tw.gov.mohw.support.sms;

/**
 * Sends a text message to a Taiwanese mobile number. Implementations: {@link HttpSmsGateway} for a real provider,
 * and the test environment's simulator. Switching is configuration ({@code support.sms.provider}).
 */
public interface SmsGateway {

    /**
     * Sends {@code text} to {@code mobile} (09 and 8 digits).
     *
     * @param reference our own id for this message: a provider that has seen it already does not send it twice,
     *     so a retry after a timeout is safe
     * @return the provider's id for the message
     * @throws SmsException when the message was not accepted; {@link SmsException#retryable()} says whether trying
     *     again later can help
     */
    String send(String mobile, String text, String reference);
}
