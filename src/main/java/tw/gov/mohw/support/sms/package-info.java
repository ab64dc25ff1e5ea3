/**
 * Text messages to mobile phones: the {@link tw.gov.mohw.support.sms.SmsGateway} port, used by sign-in without a
 * card (verification codes) and by notifications, with the adapter for an HTTP SMS provider. The test environment's
 * simulated gateway (with its outbox page) implements the same port.
 */
package tw.gov.mohw.support.sms;
