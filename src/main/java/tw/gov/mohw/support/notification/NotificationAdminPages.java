package tw.gov.mohw.support.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * 通知狀況, for system administrators: how many messages were sent, wait or were given up in the last 7 days, and
 * the ones in trouble (given up, or retrying) with the provider's last answer; a given-up one can be sent again
 * once the cause is fixed. Addresses are shown masked.
 */
@Controller
class NotificationAdminPages {

    private static final Logger log = LoggerFactory.getLogger(NotificationAdminPages.class);

    /** A message in trouble, as the page shows it. */
    record Trouble(long id, Instant createdAt, String channel, String address, long reportId, String status,
            int attempts, String lastError) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationAdminPages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/admin/notifications")
    String show(@AuthenticationPrincipal Actor actor, Model model) {
        requireSystemAdmin(actor);
        var since = clock.instant().minusSeconds(7 * 86_400).atOffset(ZoneOffset.UTC);
        Map<String, Long> counts = new java.util.LinkedHashMap<>(Map.of("SENT", 0L, "PENDING", 0L, "FAILED", 0L));
        jdbc.sql("select status, count(*) from notification where created_at >= ? group by status").param(since)
                .query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        List<Trouble> troubles = jdbc.sql("""
                select id, created_at, channel, address, report_id, status, attempts, last_error
                  from notification where status = 'FAILED' or (status = 'PENDING' and attempts > 0)
                 order by id desc limit 50""")
                .query((rs, i) -> new Trouble(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), Addresses.masked(rs.getString(3), rs.getString(4)), rs.getLong(5), rs.getString(6),
                        rs.getInt(7), Addresses.maskedWithin(rs.getString(8))))
                .list();
        model.addAttribute("counts", counts);
        model.addAttribute("troubles", troubles);
        return "admin/notifications";
    }

    /** Sends a given-up message again from now, with a fresh count of attempts. */
    @PostMapping("/admin/notifications/{id}/retry")
    String retry(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        requireSystemAdmin(actor);
        int changed = jdbc.sql("""
                update notification set status = 'PENDING', attempts = 0, next_attempt_at = ?
                 where id = ? and status = 'FAILED'""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
        if (changed == 0) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, Violation.of(null, "notification.admin.notFailed"));
        }
        log.info("Notification {} sent again on the request of {}", id, actor.account());
        redirect.addFlashAttribute("retried", id);
        return "redirect:/admin/notifications";
    }

    private static void requireSystemAdmin(Actor actor) {
        if (!actor.is(Actor.Role.SYSTEM_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "notification.admin.forbidden"));
        }
    }
}
