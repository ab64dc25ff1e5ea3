package tw.gov.mohw.support.announcement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tw.gov.mohw.support.registry.HealthBureau;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.shared.Texts;

/** Publishes, withdraws and lists announcements; who may do what is checked here. */
@Component
public class Announcements {

    static final int MAX_TITLE = 100;
    static final int MAX_BODY = 2000;
    static final int MAX_DAYS_SHOWN = 366;
    /** The sign-in page shows at most this many, newest first. */
    static final int SHOWN = 5;

    /** What an administrator asks to publish; {@code bureauCode} null is the ministry's (system administrators). */
    public record NewAnnouncement(String title, String body, String shownFrom, String shownUntil, String bureauCode) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Announcements(JdbcClient jdbc, Registry registry, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    /** What the sign-in page shows today: the ministry's first (no bureau can push them off), then the newest. */
    public List<Announcement> current() {
        LocalDate today = RocDates.today(clock);
        return jdbc.sql("""
                select * from announcement where withdrawn_at is null and shown_until >= ? and shown_from <= ?
                order by bureau_code is null desc, shown_from desc, id desc limit ?""")
                .params(today, today, SHOWN).query(this::row).list();
    }

    /** What {@code actor} may manage: everything for a system administrator, their bureau's for a bureau's. */
    public List<Announcement> manageable(Actor actor, int limit) {
        requireAdministrator(actor);
        return actor.is(Actor.Role.SYSTEM_ADMIN)
                ? jdbc.sql("select * from announcement order by id desc limit ?").param(limit).query(this::row).list()
                : jdbc.sql("select * from announcement where bureau_code = ? order by id desc limit ?")
                        .params(actor.bureauCode(), limit).query(this::row).list();
    }

    @Transactional
    public Announcement publish(Actor actor, NewAnnouncement request) {
        requireAdministrator(actor);
        String bureau = actor.is(Actor.Role.SYSTEM_ADMIN) ? blankToNull(request.bureauCode()) : actor.bureauCode();
        List<Violation> violations = new ArrayList<>();
        String title = request.title() == null ? "" : request.title().strip();
        String body = request.body() == null ? "" : request.body().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            violations.add(Violation.of("title", "announcement.title.invalid", MAX_TITLE));
        }
        if (body.isEmpty() || body.length() > MAX_BODY) {
            violations.add(Violation.of("body", "announcement.body.invalid", MAX_BODY));
        }
        if (bureau != null && registry.bureau(bureau).isEmpty()) {
            violations.add(Violation.of("bureauCode", "announcement.bureau.unknown"));
        }
        LocalDate from = date("shownFrom", request.shownFrom(), violations);
        LocalDate until = date("shownUntil", request.shownUntil(), violations);
        if (from != null && until != null) {
            if (until.isBefore(from)) {
                violations.add(Violation.of("shownUntil", "announcement.until.before.from"));
            } else if (until.isBefore(RocDates.today(clock))) {
                violations.add(Violation.of("shownUntil", "announcement.until.past"));
            } else if (from.plusDays(MAX_DAYS_SHOWN).isBefore(until)) {
                violations.add(Violation.of("shownUntil", "announcement.too.long", MAX_DAYS_SHOWN));
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, violations);
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into announcement (title, body, shown_from, shown_until, bureau_code, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(title, body, from, until, bureau, actor.account(), now.atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
        events.publishEvent(new AnnouncementRecorded(id, "published", actor.account(), now,
                "bureau=" + (bureau == null ? "national" : bureau) + " from=" + from + " until=" + until
                        + " title=" + title));
        return get(id);
    }

    @Transactional
    public void withdraw(Actor actor, long id) {
        requireAdministrator(actor);
        Announcement a = jdbc.sql("select * from announcement where id = ? for update").param(id).query(this::row)
                .optional().filter(x -> actor.is(Actor.Role.SYSTEM_ADMIN) || actor.bureauCode().equals(x.bureauCode()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                        Violation.of(null, "announcement.not.found")));
        if (a.withdrawnAt() != null) {
            return; // already withdrawn: nothing to do, and nothing to record twice
        }
        Instant now = clock.instant();
        jdbc.sql("update announcement set withdrawn_at = ?, withdrawn_by = ? where id = ?")
                .params(now.atOffset(ZoneOffset.UTC), actor.account(), id).update();
        events.publishEvent(new AnnouncementRecorded(id, "withdrawn", actor.account(), now, "title=" + a.title()));
    }

    private Announcement get(long id) {
        return jdbc.sql("select * from announcement where id = ?").param(id).query(this::row).single();
    }

    private static LocalDate date(String field, String raw, List<Violation> violations) {
        try {
            return RocDates.parse(raw);
        } catch (DomainException e) {
            e.violations().forEach(v -> violations.add(new Violation(field, v.messageKey(), v.args())));
            return null;
        }
    }

    private static void requireAdministrator(Actor actor) {
        if (!actor.is(Actor.Role.SYSTEM_ADMIN, Actor.Role.BUREAU_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "announcement.forbidden"));
        }
    }

    private static String blankToNull(String s) {
        return Texts.isBlank(s) ? null : s.strip();
    }

    private Announcement row(ResultSet rs, int n) throws SQLException {
        String bureau = rs.getString("bureau_code");
        OffsetDateTime withdrawn = rs.getObject("withdrawn_at", OffsetDateTime.class);
        return new Announcement(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
                rs.getObject("shown_from", LocalDate.class), rs.getObject("shown_until", LocalDate.class), bureau,
                bureau == null ? null : registry.bureau(bureau).map(HealthBureau::name).orElse(bureau),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}
