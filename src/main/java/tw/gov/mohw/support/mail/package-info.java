/**
 * E-mail: the {@link tw.gov.mohw.support.mail.MailGateway} port, used by notifications, with the adapter for an SMTP
 * server ({@code support.mail.provider=smtp}, Spring's JavaMailSender configured by {@code spring.mail.*}). The
 * test environment's simulated gateway (with its outbox page) implements the same port.
 */
package tw.gov.mohw.support.mail;
