package tw.gov.mohw.support.mail;

/**
 * Sends a plain-text e-mail. Implementations: {@link SmtpMailGateway} for a real SMTP server, and the test
 * environment's simulator. Switching is configuration ({@code support.mail.provider}).
 */
public interface MailGateway {

    /**
     * Sends {@code body} with {@code subject} to {@code to}.
     *
     * @param reference our own id for this message, sent as its Message-ID so that a retry after a timeout is
     *     recognisable as the same message
     * @throws MailException when the message was not accepted; {@link MailException#retryable()} says whether
     *     trying again later can help
     */
    void send(String to, String subject, String body, String reference);
}
