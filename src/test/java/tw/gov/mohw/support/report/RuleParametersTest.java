package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Period;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Rule parameters saved by a system administrator: versioned, audited, in force at the next submission, and only
 * theirs to save; two administrators editing the same version cannot overwrite each other.
 */
@IntegrationTest
class RuleParametersTest {

    static final Actor ADMIN = Actor.staff(Actor.Role.SYSTEM_ADMIN, "rules-admin", null, null);

    @Autowired RuleParameters parameters;
    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    /** Other tests share this application: leave the parameters as configured. */
    @AfterEach
    void restore() {
        jdbc.sql("delete from rule_parameters").update();
    }

    static ReportRules closing(ReportRules base, SupportCategory closed, int otherMonths) {
        Map<SupportCategory, ReportRules.Category> categories = new EnumMap<>(SupportCategory.class);
        for (SupportCategory c : SupportCategory.values()) {
            var k = base.category(c);
            categories.put(c, new ReportRules.Category(c == SupportCategory.OTHER ? Period.ofMonths(otherMonths)
                    : k.maxPeriod(), k.retroactiveDays(), c == SupportCategory.OUTREACH ? Set.of("A", "B")
                    : k.professions(), k.weeklyHoursCap(), k.longTermCareOnly(), c == closed));
        }
        return new ReportRules(base.maxPeriod(), base.retroactiveDays(), categories, Map.of("D", 20));
    }

    @Test
    void aSavedVersionIsInForceAtTheNextSubmissionAndAudited() {
        ReportRules configured = parameters.current();
        assertThat(parameters.currentVersion()).isEmpty();
        ReportRules edited = closing(configured, SupportCategory.FREE_CLINIC, 1);
        var version = parameters.save(ADMIN, edited, 0);
        assertThat(version.number()).isEqualTo(1);
        assertThat(parameters.current()).isEqualTo(edited); // stored as JSON and read back whole
        assertThat(parameters.current().retroactiveDays(SupportCategory.EMERGENCY))
                .isEqualTo(configured.retroactiveDays(SupportCategory.EMERGENCY));

        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(5);
        Map<String, Object> body = new java.util.HashMap<>(Api.report(person, fixtures.institution("63000"),
                start.toString(), start.plusMonths(1).toString(), "MONDAY", "08:00", "09:00"));
        body.put("category", "FREE_CLINIC");
        var closed = api.post("practitioner:" + person, "/api/v1/submissions", body, Map.of("Idempotency-Key", "r1-" + System.nanoTime()));
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.text("/errors/0/code")).isEqualTo("category.closed");
        body.put("category", "OTHER");
        var tooLong = api.post("practitioner:" + person, "/api/v1/submissions", body, Map.of("Idempotency-Key", "r2-" + System.nanoTime()));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.text("/errors/0/code")).isEqualTo("period.too.long");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from audit_entry where action = 'rules.saved' and subject = 'rules:1'")
                .query(Long.class).single() > 0);
        assertThat(jdbc.sql("select details from audit_entry where subject = 'rules:1' order by id desc limit 1")
                .query(String.class).single())
                .contains("\"FREE_CLINIC\"", "\"closed\":true");
    }

    @Test
    void onlyASystemAdministratorSavesAndAStaleFormIsRefused() {
        ReportRules configured = parameters.current();
        for (Actor other : new Actor[] {Actor.staff(Actor.Role.BUREAU_ADMIN, "ba", "63000", null),
                Actor.staff(Actor.Role.NATIONAL_VIEWER, "nv", null, null), Actor.practitioner("A123456789")}) {
            assertThatThrownBy(() -> parameters.save(other, configured, 0)).isInstanceOfSatisfying(
                    DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
        }
        parameters.save(ADMIN, closing(configured, SupportCategory.OTHER, 6), 0);
        // a second administrator who opened the page before that save
        assertThatThrownBy(() -> parameters.save(ADMIN, closing(configured, SupportCategory.OUTREACH, 3), 0))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.violations().get(0).messageKey()).isEqualTo("rules.stale"));
        assertThat(parameters.current().open(SupportCategory.OUTREACH)).isTrue();
        assertThat(parameters.history(10)).hasSize(1);
    }
}
