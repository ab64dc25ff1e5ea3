package tw.gov.mohw.support.announcement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An announcement as pages show it.
 *
 * @param bureauCode the bureau that published it, or {@code null} for the ministry's
 * @param from the bureau's name, or {@code null} for the ministry's
 */
public record Announcement(long id, String title, String body, LocalDate shownFrom, LocalDate shownUntil,
        String bureauCode, String from, String createdBy, Instant createdAt, Instant withdrawnAt) {
}
