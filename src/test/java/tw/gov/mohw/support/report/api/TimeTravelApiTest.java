package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.MovableClock;

/** Behaviour that depends on the date, with the application's clock moved forward by the test. */
@IntegrationTest
class TimeTravelApiTest {

    static final MovableClock CLOCK = MovableClock.followingSystem();

    @TestBean Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    @AfterEach
    void backToNow() {
        CLOCK.reset();
    }

    @Test
    void aReturnedReportCanBeCorrectedAfterItsStartHasPassed() {
        String home = fixtures.institution("10009");
        String person = fixtures.practitioner(home);
        LocalDate start = LocalDate.now(RocDates.ZONE).plusDays(2);
        long id = api.post("practitioner:" + person, "/api/v1/submissions",
                Api.report(person, fixtures.institution("10009"), start.toString(), start.plusDays(60).toString(),
                        "MONDAY", "09:00", "12:00"), Map.of("Idempotency-Key", "late-" + person))
                .body().get("id").asLong();
        api.post("reviewer:10009:yun", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "RETURN", "reason", "補件"));

        CLOCK.advance(Duration.ofDays(5)); // the bureau took its time; the start has passed
        var resubmitted = api.post("practitioner:" + person, "/api/v1/reports/" + id + "/submit", null);
        assertThat(resubmitted.status()).isEqualTo(200);
        assertThat(resubmitted.text("/status")).isEqualTo("SUBMITTED");

        // A new report for the same dates filed today is late.
        var fresh = api.post("practitioner:" + person, "/api/v1/submissions",
                Api.report(person, fixtures.institution("10009"), start.toString(), start.plusDays(60).toString(),
                        "TUESDAY", "09:00", "12:00"), Map.of("Idempotency-Key", "late2-" + person));
        assertThat(fresh.status()).isEqualTo(422);
        assertThat(fresh.text("/errors/0/code")).isEqualTo("period.start.past");
    }

    @Test
    void anApprovedReportEndsAndCanNoLongerBeChanged() {
        String home = fixtures.institution("10009");
        String person = fixtures.practitioner(home);
        LocalDate start = LocalDate.now(RocDates.ZONE).plusDays(1);
        long id = api.post("practitioner:" + person, "/api/v1/submissions",
                Api.report(person, fixtures.institution("10009"), start.toString(), start.plusDays(10).toString(),
                        "MONDAY", "09:00", "12:00"), Map.of("Idempotency-Key", "end-" + person))
                .body().get("id").asLong();
        api.post("reviewer:10009:yun", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(api.get("practitioner:" + person, "/api/v1/reports/" + id).text("/ended")).isEqualTo("false");

        CLOCK.advance(Duration.ofDays(20));
        var ended = api.get("practitioner:" + person, "/api/v1/reports/" + id);
        assertThat(ended.text("/ended")).isEqualTo("true");
        assertThat(ended.text("/status")).isEqualTo("APPROVED");
        var change = api.post("practitioner:" + person, "/api/v1/reports/" + id + "/changes",
                Map.of("department", "02", "content", "x", "reason", "y",
                        "period", Map.of("start", start.toString(), "end", start.plusDays(10).toString()),
                        "schedule", Map.of("weekly", java.util.List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")))));
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.text("/errors/0/code")).isEqualTo("report.ended");
    }
}
