/**
 * Announcements (公告) on the sign-in pages, e.g. go-live dates: the ministry's for everyone, a bureau's with its
 * name. System administrators publish either kind, a bureau's administrator only their bureau's; every publication
 * and withdrawal goes to the audit trail.
 */
package tw.gov.mohw.support.announcement;
