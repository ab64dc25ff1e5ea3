package tw.gov.mohw.support.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code support.notifications.*}.
 *
 * @param poll how often each node looks for due messages
 * @param batch how many messages one look claims
 * @param lease how long a claimed message is left to its node before another may send it (a node that died)
 * @param maxAttempts after this many failed attempts a message is given up (FAILED) and logged
 * @param keep how long sent and failed messages are kept (they hold names and addresses)
 */
@ConfigurationProperties("support.notifications")
record NotificationProperties(@DefaultValue("PT2S") Duration poll, @DefaultValue("20") int batch,
        @DefaultValue("PT2M") Duration lease, @DefaultValue("10") int maxAttempts, @DefaultValue("P90D") Duration keep) {
}
