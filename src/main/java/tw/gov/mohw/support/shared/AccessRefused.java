package tw.gov.mohw.support.shared;

/**
 * The application refused someone access to something (a 403 or a 404 of an access check): published where the
 * refusal is answered, recorded by the security log.
 *
 * @param actor the account that asked, or {@code null} when nobody was signed in
 * @param what the method and address asked for (which names the record)
 * @param reason the message key of the refusal
 */
public record AccessRefused(String actor, String what, String reason, String address, String userAgent) {
}
