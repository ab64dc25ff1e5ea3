package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.identity.SecurityLog.Kind;
import tw.gov.mohw.support.identity.SecurityLog.Outcome;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class SecurityLogTest {

    @Autowired SecurityLog log;
    @Autowired JdbcClient jdbc;

    @Test
    void aSignInAttemptIsRecordedWithMethodReasonAddressAndTime() {
        log.record(Kind.SIGN_IN, "HCA", Outcome.FAILURE, "REVOKED", "A123456789", "127.0.0.1", "Mozilla/5.0");
        var events = log.about("A123456789", 10);
        assertThat(events).isNotEmpty();
        var e = events.get(0);
        assertThat(e.kind()).isEqualTo(Kind.SIGN_IN);
        assertThat(e.method()).isEqualTo("HCA");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.reason()).isEqualTo("REVOKED");
        assertThat(e.subject()).isEqualTo("A12345****");
        assertThat(e.ip()).isEqualTo("127.0.0.1");
        assertThat(e.at()).isNotNull();
    }

    @Test
    void noIdCodeOrNumberStaysReadable() {
        String account = "staff:" + UUID.randomUUID().toString().substring(0, 8);
        log.record(Kind.ACCESS_REFUSED, "NHI_NO_CARD", Outcome.FAILURE,
                "wrong code 123456 for B123456780 card 000012345678\nforged line", account, "::1",
                "agent\r\nX-Injected: yes");
        long leaks = jdbc.sql("""
                select count(*) from security_event
                 where reason like '%123456%' or reason like '%B123456780%' or reason like '%000012345678%'
                    or reason like '%' || chr(10) || '%' or user_agent like '%' || chr(13) || '%'""")
                .query(Long.class).single();
        assertThat(leaks).isZero();
        var e = log.about(account, 1).get(0);
        assertThat(e.reason()).isEqualTo("wrong code ****** for B12345**** card ****** forged line");
        assertThat(e.userAgent()).isEqualTo("agent X-Injected: yes");
    }

    @Test
    void fieldsAreBounded() {
        String account = "staff:bounded-" + UUID.randomUUID().toString().substring(0, 6);
        log.record(Kind.SIGN_IN, "X".repeat(500), Outcome.SUCCESS, "r".repeat(5000), account, "1".repeat(10) + "x",
                "u".repeat(10_000));
        var e = log.about(account, 1).get(0);
        assertThat(e.method()).hasSize(40);
        assertThat(e.reason()).hasSize(200);
        assertThat(e.userAgent()).hasSize(300);
    }

    @Test
    void anInstitutionCodeOrAccountIsKeptReadable() {
        log.record(Kind.SIGN_IN, "HCA", Outcome.SUCCESS, null, "0101090517", "127.0.0.1", null);
        assertThat(log.about("0101090517", 1)).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo("0101090517"));
    }

    @Autowired tw.gov.mohw.support.support.Api api;
    @Autowired tw.gov.mohw.support.support.Fixtures fixtures;

    /** The application's own refusals (another bureau's report, a page one may not open) are logged, masked. */
    @Test
    void refusalsFoundByTheApplicationAreLoggedWithWhoWhatAndWhichRecord() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        var start = fixtures.today().plusDays(9);
        long id = api.post("practitioner:" + person, "/api/v1/submissions", tw.gov.mohw.support.support.Api.report(
                person, fixtures.institution("63000"), start.toString(), start.plusDays(9).toString(), "MONDAY",
                "09:00", "10:00"), java.util.Map.of("Idempotency-Key", "refused-" + person)).body().get("id").asLong();
        String stranger = fixtures.practitioner(fixtures.institution("65000"));
        assertThat(api.get("practitioner:" + stranger, "/api/v1/reports/" + id).status()).isEqualTo(404);
        assertThat(api.post("practitioner:" + person, "/api/v1/reports/" + id + "/decisions",
                java.util.Map.of("decision", "APPROVE")).status()).isEqualTo(403);

        var notFound = log.about("practitioner:" + stranger, 10);
        assertThat(notFound).extracting(SecurityLog.Event::reason)
                .anyMatch(r -> r.equals("report.not.found GET /api/v1/reports/" + id));
        assertThat(notFound.get(0).subject()).isEqualTo("practitioner:" + stranger.substring(0, 6) + "****");
        assertThat(log.about("practitioner:" + person, 10)).extracting(SecurityLog.Event::reason)
                .anyMatch(r -> r.equals("report.action.forbidden POST /api/v1/reports/" + id + "/decisions"));
        long full = jdbc.sql("select count(*) from security_event where subject like ?").param("%" + stranger + "%")
                .query(Long.class).single();
        assertThat(full).as("no full ID in the log").isZero();
    }

    /** A flood cannot fill the table: one account's refusals beyond the minute's bound are counted, not written. */
    @Test
    void refusalsAreRateLimitedAndWhatWasHeldBackIsSaid() {
        var clock = tw.gov.mohw.support.support.MovableClock.frozenAt(java.time.Instant.parse("2030-01-01T00:00:10Z"));
        SecurityLog bounded = new SecurityLog(jdbc, clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        String account = "staff:flood-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < SecurityLog.REFUSALS_PER_MINUTE + 20; i++) {
            bounded.refused(account, "GET /reports/" + i, "report.not.found", "127.0.0.1", "x");
        }
        assertThat(bounded.about(account, 1000)).hasSize(SecurityLog.REFUSALS_PER_MINUTE);
        clock.advance(java.time.Duration.ofMinutes(1));
        bounded.refused(account, "GET /reports/x", "report.not.found", "127.0.0.1", "x");
        assertThat(bounded.about(account, 1000)).hasSize(SecurityLog.REFUSALS_PER_MINUTE + 1);
        assertThat(jdbc.sql("select count(*) from security_event where reason = ? and at = ?")
                .params("20 refusals not recorded in the minute before (rate limit)",
                        java.time.Instant.parse("2030-01-01T00:01:10Z").atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class).single()).isEqualTo(1);
    }
}
