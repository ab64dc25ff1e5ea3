package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/** Rule parameters come from configuration: a weekly hours cap (rule 5), allowed professions, a shorter period. */
@IntegrationTest
@TestPropertySource(properties = {
        "support.rules.categories.OUTREACH.weekly-hours-cap=4",
        "support.rules.categories.FREE_CLINIC.professions=C,D",
        "support.rules.categories.OTHER.max-period=P1M"})
class RuleParametersApiTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    Api.Response file(String person, String category, LocalDate start, LocalDate end, List<Map<String, String>> weekly) {
        Map<String, Object> body = new HashMap<>(Api.report(person, fixtures.institution("10013"), start.toString(),
                end.toString(), "MONDAY", "09:00", "10:00"));
        body.put("category", category);
        body.put("schedule", Map.of("weekly", weekly));
        return api.post("practitioner:" + person, "/api/v1/submissions", body,
                Map.of("Idempotency-Key", "params-" + System.nanoTime()));
    }

    @Test
    void weeklyHoursCapCountsEveryWeek() {
        String person = fixtures.practitioner(fixtures.institution("10013"));
        LocalDate start = fixtures.today().plusDays(7);
        var over = file(person, "OUTREACH", start, start.plusDays(60), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "12:00"),
                Map.of("day", "FRIDAY", "start", "22:00", "end", "00:00")));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.text("/errors/0/code")).isEqualTo("schedule.hours.over.cap");
        assertThat(over.text("/errors/0/message")).contains("4");
        var within = file(person, "OUTREACH", start, start.plusDays(60), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "13:00")));
        assertThat(within.status()).isEqualTo(201);
        // Other categories have no cap.
        var regular = file(person, "REGULAR", start, start.plusDays(60), List.of(
                Map.of("day", "TUESDAY", "start", "08:00", "end", "20:00")));
        assertThat(regular.status()).isEqualTo(201);
    }

    @Test
    void categoryMayBeLimitedToProfessions() {
        String physician = fixtures.practitioner(fixtures.institution("10013"));
        LocalDate start = fixtures.today().plusDays(7);
        var refused = file(physician, "FREE_CLINIC", start, start.plusDays(5), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("/errors/0/code")).isEqualTo("category.profession.not.allowed");
    }

    @Test
    void categoryMayHaveAShorterLongestPeriod() {
        String person = fixtures.practitioner(fixtures.institution("10013"));
        LocalDate start = fixtures.today().plusDays(7);
        var tooLong = file(person, "OTHER", start, start.plusMonths(1), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.text("/errors/0/code")).isEqualTo("period.too.long");
        assertThat(tooLong.text("/errors/0/message"))
                .contains(tw.gov.mohw.support.registry.RocDates.formatShort(start.plusMonths(1).minusDays(1)));
        assertThat(file(person, "OTHER", start, start.plusMonths(1).minusDays(1), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "12:00"))).status()).isEqualTo(201);
    }

    @Test
    void theCapCountsThePersonsOtherReportsToo() {
        String person = fixtures.practitioner(fixtures.institution("10013"));
        LocalDate start = fixtures.today().plusDays(7);
        assertThat(file(person, "OUTREACH", start, start.plusDays(60), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "12:00"))).status()).isEqualTo(201);
        var second = file(person, "OUTREACH", start.plusDays(14), start.plusDays(30), List.of(
                Map.of("day", "TUESDAY", "start", "09:00", "end", "11:00")));
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.text("/errors/0/code")).isEqualTo("schedule.hours.over.cap");
        // Outside the first report's weeks the same slot fits.
        assertThat(file(person, "OUTREACH", start.plusDays(70), start.plusDays(90), List.of(
                Map.of("day", "TUESDAY", "start", "09:00", "end", "11:00"))).status()).isEqualTo(201);
    }

    @Test
    void aReportWithAWaitingChangeCountsOnceAtItsLarger() {
        String person = fixtures.practitioner(fixtures.institution("10013"));
        LocalDate start = fixtures.today().plusDays(7);
        var first = file(person, "OUTREACH", start, start.plusDays(60), List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        long id = first.body().get("id").asLong();
        api.post("reviewer:10013:ping", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        var change = api.post("practitioner:" + person, "/api/v1/reports/" + id + "/changes", Map.of(
                "department", "02", "content", "改週三", "reason", "調整",
                "period", Map.of("start", start.toString(), "end", start.plusDays(60).toString()),
                "schedule", Map.of("weekly", List.of(Map.of("day", "WEDNESDAY", "start", "09:00", "end", "12:00")))));
        assertThat(change.status()).isEqualTo(200);
        // 3 h (either version of the first report) + 1 h = 4 h, within the cap of 4; both versions summed would be 7.
        assertThat(file(person, "OUTREACH", start, start.plusDays(60), List.of(
                Map.of("day", "FRIDAY", "start", "09:00", "end", "10:00"))).status()).isEqualTo(201);
    }
}
