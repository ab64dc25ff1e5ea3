/**
 * Notifications: when a report is returned, approved, rejected or cancelled (a change included), an SMS and an
 * e-mail to the person and to the institution that filed it. The module only listens: {@link
 * tw.gov.mohw.support.report.ReportRecorded} arrives synchronously, in the deciding transaction, and becomes one row
 * per recipient and channel in the {@code notification} table (idempotent: an event handled twice adds nothing),
 * committed with the decision; a sender on every node delivers due rows with {@code FOR UPDATE SKIP LOCKED}, retrying with back-off.
 * People and institutions give their addresses on their account page ({@code /account/notifications}).
 */
package tw.gov.mohw.support.notification;
