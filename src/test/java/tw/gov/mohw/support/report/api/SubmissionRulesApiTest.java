package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/** Rules 2–4 of domain.md as a filer meets them: each refusal names its field, in Chinese, and stores nothing. */
@IntegrationTest
class SubmissionRulesApiTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    String home;
    String site;
    String person;
    LocalDate start;

    @BeforeEach
    void setUp() {
        home = fixtures.institution("64000");
        site = fixtures.institution("64000");
        person = fixtures.practitioner(home);
        start = fixtures.today().plusDays(7);
    }

    Api.Response file(Map<String, Object> body) {
        return api.post("practitioner:" + body.get("practitioner"), "/api/v1/submissions", body,
                Map.of("Idempotency-Key", "rules-" + System.nanoTime()));
    }

    Map<String, Object> body(LocalDate from, LocalDate to) {
        return new HashMap<>(Api.report(person, site, from.toString(), to.toString(), "MONDAY", "09:00", "12:00"));
    }

    void assertRefused(Api.Response r, int status, String field, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.body().get("errors").findValuesAsString("code")).contains(code);
        assertThat(r.body().get("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void suspendedOrClosedPracticeMayNotFile() {
        for (String status : List.of("SUSPENDED", "CLOSED")) {
            String suspended = fixtures.practitioner(home, status, fixtures.today().minusYears(3), null);
            Map<String, Object> body = body(start, start.plusDays(30));
            body.put("practitioner", suspended);
            assertRefused(file(body), 422, "practitioner", "registration.not.practising");
        }
    }

    @Test
    void registrationMustCoverTheWholePeriod() {
        String ending = fixtures.practitioner(home, "PRACTISING", fixtures.today().minusYears(1), start.plusDays(10));
        Map<String, Object> body = body(start, start.plusDays(30));
        body.put("practitioner", ending);
        assertRefused(file(body), 422, "period", "registration.not.covering.period");
        body.put("period", Map.of("start", start.toString(), "end", start.plusDays(10).toString()));
        assertThat(file(body).status()).isEqualTo(201);
    }

    @Test
    void supportedInstitutionMustExistBeOpenAndNotBeHome() {
        Map<String, Object> body = body(start, start.plusDays(30));
        body.put("supportedInstitution", "8888888888");
        assertRefused(file(body), 422, "supportedInstitution", "institution.not.found");
        body.put("supportedInstitution", home);
        assertRefused(file(body), 422, "supportedInstitution", "institution.same.as.home");
        for (String status : List.of("SUSPENDED", "CLOSED")) {
            body.put("supportedInstitution", fixtures.institution("64000", "CLINIC", status));
            assertRefused(file(body), 422, "supportedInstitution", "institution.not.open");
        }
    }

    @Test
    void longTermCareSupportIsOnlyAtLongTermCareInstitutionsAndNeverAfterTheFact() {
        Map<String, Object> body = body(start, start.plusDays(30));
        body.put("category", "LONG_TERM_CARE");
        assertRefused(file(body), 422, "supportedInstitution", "institution.not.long.term.care");
        body.put("supportedInstitution", fixtures.institution("64000", "LONG_TERM_CARE", "OPEN"));
        LocalDate yesterday = fixtures.today().minusDays(1);
        body.put("period", Map.of("start", yesterday.toString(), "end", yesterday.plusDays(30).toString()));
        assertRefused(file(body), 422, "period.start", "period.start.past");
        body.put("period", Map.of("start", start.toString(), "end", start.plusDays(30).toString()));
        assertThat(file(body).status()).isEqualTo(201);
    }

    @Test
    void emergencyCoverMayBeReportedUpToThreeDaysAfterTheFact() {
        LocalDate today = fixtures.today();
        Map<String, Object> body = body(today.minusDays(4), today.plusDays(10));
        body.put("category", "EMERGENCY");
        body.put("schedule", Map.of("dated", List.of(Map.of("date", today.minusDays(3).toString(), "start", "20:00",
                "end", "08:00"))));
        assertRefused(file(body), 422, "period.start", "period.start.too.late");
        body.put("period", Map.of("start", today.minusDays(3).toString(), "end", today.plusDays(10).toString()));
        assertThat(file(body).status()).isEqualTo(201);

        Map<String, Object> regular = body(today.minusDays(1), today.plusDays(10));
        assertRefused(file(regular), 422, "period.start", "period.start.past");
    }

    @Test
    void periodIsAtMostOneYearAndEndsAfterItStarts() {
        assertRefused(file(body(start, start.plusYears(1))), 422, "period.end", "period.too.long");
        assertRefused(file(body(start, start.minusDays(1))), 422, "period.end", "period.end.before.start");
        assertThat(file(body(start, start.plusYears(1).minusDays(1))).status()).isEqualTo(201);
    }

    @Test
    void rocDatesAreAcceptedEverywhereADateIs() {
        LocalDate monday = start.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String roc = "%03d%02d%02d".formatted(monday.getYear() - 1911, monday.getMonthValue(), monday.getDayOfMonth());
        String rocSlash = "%d/%d/%d".formatted(monday.getYear() - 1911, monday.getMonthValue(), monday.getDayOfMonth() + 0);
        Map<String, Object> body = body(monday, monday);
        body.put("period", Map.of("start", roc, "end", rocSlash));
        var r = file(body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("/inForce/particulars/period/start")).isEqualTo(monday.toString());
    }

    @Test
    void unknownDepartmentIsNamed() {
        Map<String, Object> body = body(start, start.plusDays(30));
        body.put("department", "ZZ");
        assertRefused(file(body), 422, "department", "department.unknown");
    }

    @Test
    void nightSlotMeetsTheNextMorningButTouchingSlotsDoNot() {
        LocalDate sunday = start.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        Map<String, Object> night = body(sunday, sunday.plusWeeks(4));
        night.put("schedule", Map.of("weekly", List.of(Map.of("day", "SUNDAY", "start", "22:00", "end", "02:00"))));
        var first = file(night);
        assertThat(first.status()).isEqualTo(201);

        Map<String, Object> monday = body(sunday, sunday.plusWeeks(4));
        monday.put("supportedInstitution", fixtures.institution("64000"));
        monday.put("schedule", Map.of("weekly", List.of(Map.of("day", "MONDAY", "start", "01:00", "end", "03:00"))));
        var clash = file(monday);
        assertRefused(clash, 409, "schedule", "schedule.overlap");
        assertThat(clash.text("/errors/0/message")).contains(first.text("/caseNumber"));

        monday.put("schedule", Map.of("weekly", List.of(Map.of("day", "MONDAY", "start", "02:00", "end", "03:00"))));
        assertThat(file(monday).status()).isEqualTo(201);
    }

    @Test
    void aSpecificDateMeetsAWeeklySlot() {
        LocalDate tuesday = start.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        Map<String, Object> weekly = body(tuesday, tuesday.plusWeeks(8));
        weekly.put("schedule", Map.of("weekly", List.of(Map.of("day", "TUESDAY", "start", "13:30", "end", "17:30"))));
        assertThat(file(weekly).status()).isEqualTo(201);

        Map<String, Object> dated = body(tuesday.plusWeeks(3), tuesday.plusWeeks(3));
        dated.put("supportedInstitution", fixtures.institution("64000"));
        dated.put("schedule", Map.of("dated", List.of(Map.of("date", tuesday.plusWeeks(3).toString(), "start", "17:00",
                "end", "18:00"))));
        assertRefused(file(dated), 409, "schedule", "schedule.overlap");
        // Outside the weekly report's period the same date and time is free.
        LocalDate later = tuesday.plusWeeks(9);
        dated.put("period", Map.of("start", later.toString(), "end", later.toString()));
        dated.put("schedule", Map.of("dated", List.of(Map.of("date", later.toString(), "start", "17:00", "end", "18:00"))));
        assertThat(file(dated).status()).isEqualTo(201);
    }

    @Test
    void endedAndWithdrawnReportsNoLongerHoldTheTime() {
        var first = file(body(start, start.plusDays(30)));
        long id = first.body().get("id").asLong();
        assertRefused(file(body(start, start.plusDays(30))), 409, "schedule", "schedule.overlap");
        api.post("practitioner:" + person, "/api/v1/reports/" + id + "/withdraw", Map.of("reason", "改期"));
        assertThat(file(body(start, start.plusDays(30))).status()).isEqualTo(201);
    }

    @Test
    void aChangeIsCheckedAgainstOtherReportsButNotAgainstItself() {
        var a = file(body(start, start.plusDays(60)));
        long idA = a.body().get("id").asLong();
        api.post("reviewer:64000:kao", "/api/v1/reports/" + idA + "/decisions", Map.of("decision", "APPROVE"));
        Map<String, Object> b = body(start, start.plusDays(60));
        b.put("supportedInstitution", fixtures.institution("64000"));
        b.put("schedule", Map.of("weekly", List.of(Map.of("day", "WEDNESDAY", "start", "09:00", "end", "12:00"))));
        assertThat(file(b).status()).isEqualTo(201);

        Map<String, Object> change = body(start, start.plusDays(60));
        change.put("reason", "延長時段");
        change.put("schedule", Map.of("weekly", List.of(Map.of("day", "MONDAY", "start", "08:00", "end", "13:00"))));
        assertThat(api.post("practitioner:" + person, "/api/v1/reports/" + idA + "/changes", change).status())
                .isEqualTo(200);
        api.post("practitioner:" + person, "/api/v1/reports/" + idA + "/withdraw", Map.of("reason", "再想想"));

        change.put("schedule", Map.of("weekly", List.of(Map.of("day", "WEDNESDAY", "start", "11:00", "end", "13:00"))));
        assertRefused(api.post("practitioner:" + person, "/api/v1/reports/" + idA + "/changes", change), 409,
                "schedule", "schedule.overlap");
    }

    @Test
    void correctingAReturnedReportIsCheckedForOverlap() {
        Map<String, Object> wednesday = body(start, start.plusDays(60));
        wednesday.put("schedule", Map.of("weekly", List.of(Map.of("day", "WEDNESDAY", "start", "09:00", "end", "12:00"))));
        assertThat(file(wednesday).status()).isEqualTo(201);
        Map<String, Object> tuesday = body(start, start.plusDays(60));
        tuesday.put("supportedInstitution", fixtures.institution("64000"));
        tuesday.put("schedule", Map.of("weekly", List.of(Map.of("day", "TUESDAY", "start", "09:00", "end", "12:00"))));
        long returned = file(tuesday).body().get("id").asLong();
        api.post("reviewer:64000:kao", "/api/v1/reports/" + returned + "/decisions", Map.of("decision", "RETURN", "reason", "補件"));

        Map<String, Object> moved = new HashMap<>(tuesday);
        moved.put("schedule", Map.of("weekly", List.of(Map.of("day", "WEDNESDAY", "start", "11:00", "end", "13:00"))));
        var refused = api.put("practitioner:" + person, "/api/v1/reports/" + returned, moved);
        assertRefused(refused, 409, "schedule", "schedule.overlap");
        var unchanged = api.get("practitioner:" + person, "/api/v1/reports/" + returned);
        assertThat(unchanged.text("/inForce/number")).isEqualTo("1");
        assertThat(unchanged.text("/inForce/particulars/schedule/weekly/0/day")).isEqualTo("TUESDAY");
    }
}
