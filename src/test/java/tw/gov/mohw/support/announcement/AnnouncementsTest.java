package tw.gov.mohw.support.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.support.IntegrationTest;

/** Who may publish and withdraw which announcements, what is refused, and what the sign-in page shows. */
@IntegrationTest
class AnnouncementsTest {

    static final Actor SYSTEM = Actor.staff(Actor.Role.SYSTEM_ADMIN, "sys-ann", null, null);
    static final Actor TAIPEI = Actor.staff(Actor.Role.BUREAU_ADMIN, "tp-ann", "63000", null);
    static final Actor KAOHSIUNG = Actor.staff(Actor.Role.BUREAU_ADMIN, "kh-ann", "64000", null);

    @Autowired Announcements announcements;

    static String roc(LocalDate d) {
        return RocDates.formatCompact(d);
    }

    LocalDate today() {
        return LocalDate.now(RocDates.ZONE);
    }

    Announcements.NewAnnouncement request(String title, LocalDate from, LocalDate until, String bureau) {
        return new Announcements.NewAnnouncement(title, "新系統將於 115 年 7 月 1 日上線。", roc(from), roc(until), bureau);
    }

    @Test
    void theSignInPageShowsWhatIsInItsWindowUntilWithdrawn() {
        String title = "上線公告 " + System.nanoTime();
        var shown = announcements.publish(SYSTEM, request(title, today(), today().plusDays(3), ""));
        assertThat(shown.bureauCode()).isNull();
        var later = announcements.publish(SYSTEM, request("以後 " + title, today().plusDays(2), today().plusDays(3), null));
        assertThat(announcements.current()).extracting(Announcement::title).contains(title)
                .doesNotContain(later.title());
        // a bureau's newer announcement comes after the ministry's: no bureau pushes the ministry's off the page
        var bureaus = announcements.publish(TAIPEI, request("北市 " + title, today(), today().plusDays(3), null));
        var titles = announcements.current().stream().map(Announcement::title).toList();
        assertThat(titles).contains(title, bureaus.title());
        assertThat(titles.indexOf(title)).isLessThan(titles.indexOf(bureaus.title()));
        announcements.withdraw(SYSTEM, shown.id());
        announcements.withdraw(TAIPEI, bureaus.id());
        assertThat(announcements.current()).extracting(Announcement::title).doesNotContain(title);
    }

    @Test
    void aBureauAdministratorPublishesForTheirOwnBureauOnly() {
        var own = announcements.publish(TAIPEI, request("北市公告", today(), today().plusDays(1), "64000"));
        assertThat(own.bureauCode()).isEqualTo("63000");
        assertThat(own.from()).contains("臺北市");
        assertThat(announcements.manageable(KAOHSIUNG, 50)).extracting(Announcement::id).doesNotContain(own.id());
        assertThatThrownBy(() -> announcements.withdraw(KAOHSIUNG, own.id())).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThat(announcements.manageable(SYSTEM, 50)).extracting(Announcement::id).contains(own.id());
        Actor reviewer = Actor.staff(Actor.Role.REVIEWER, "rv-ann", "63000", null);
        assertThatThrownBy(() -> announcements.publish(reviewer, request("x", today(), today(), null)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsPublished() {
        int before = announcements.manageable(SYSTEM, 1000).size();
        assertThatThrownBy(() -> announcements.publish(SYSTEM, new Announcements.NewAnnouncement(" ", "",
                "1150230", roc(today().minusDays(1)), "99999")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field() + ":" + v.messageKey())
                        .containsExactlyInAnyOrder("title:announcement.title.invalid", "body:announcement.body.invalid",
                                "bureauCode:announcement.bureau.unknown", "shownFrom:date.roc.invalid"));
        assertThatThrownBy(() -> announcements.publish(SYSTEM, request("t", today().plusDays(2), today().plusDays(1), null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).messageKey())
                        .isEqualTo("announcement.until.before.from"));
        assertThatThrownBy(() -> announcements.publish(SYSTEM, request("t", today(), today().plusDays(400), null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.violations().get(0).messageKey())
                        .isEqualTo("announcement.too.long"));
        assertThat(announcements.manageable(SYSTEM, 1000)).hasSize(before);
    }
}
