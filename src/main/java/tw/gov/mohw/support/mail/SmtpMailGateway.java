package tw.gov.mohw.support.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The SMTP adapter: UTF-8 plain text through Spring's {@link JavaMailSender}. An address the server rejects, or a
 * message that cannot be built, is final; anything else (server unreachable, busy, authentication refused until an
 * operator fixes it) may succeed later.
 */
class SmtpMailGateway implements MailGateway {

    private final JavaMailSender sender;
    private final String from;
    private final MailHealthIndicator health;

    SmtpMailGateway(JavaMailSender sender, String from, MailHealthIndicator health) {
        this.sender = sender;
        this.from = from;
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
        MimeMessage message;
        try {
            InternetAddress recipient = new InternetAddress(to, true);
            message = new ReferencedMessage(sender.createMimeMessage(), reference);
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipient);
            helper.setSubject(subject);
            helper.setText(body, false);
        } catch (MessagingException e) {
            // no detail from the exception: it may quote the address, and the message is kept with the row
            throw new MailException(false, "the message could not be built (address or header)", e);
        }
        try {
            sender.send(message);
        } catch (MailParseException | MailPreparationException e) {
            throw new MailException(false, "the message could not be built", e);
        } catch (MailAuthenticationException e) {
            throw new MailException(true, "the SMTP server refused our account", e);
        } catch (MailSendException e) {
            boolean rejectedAddress = e.getFailedMessages().values().stream()
                    .anyMatch(f -> f instanceof SendFailedException s && s.getInvalidAddresses() != null
                            && s.getInvalidAddresses().length > 0);
            throw new MailException(!rejectedAddress, rejectedAddress ? "the server rejected the address"
                    : "the SMTP server did not take the message", e);
        } catch (org.springframework.mail.MailException e) {
            throw new MailException(true, "the SMTP server did not take the message", e);
        }
    }

    /** Keeps our reference as the Message-ID instead of the one Jakarta Mail would generate on save. */
    private static final class ReferencedMessage extends MimeMessage {

        private final String reference;

        ReferencedMessage(MimeMessage source, String reference) throws MessagingException {
            super(source.getSession());
            this.reference = reference;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (reference == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", "<" + reference.replaceAll("[^A-Za-z0-9.:_-]", "_") + "@support-report>");
            }
        }
    }
}
