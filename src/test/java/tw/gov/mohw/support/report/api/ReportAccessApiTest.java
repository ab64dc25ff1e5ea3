package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Routing and scoping (docs/domain.md, "Routing"): the home institution's county decides; the supported
 * institution's county is informed and reads; the person and both institutions read; nobody else even learns the
 * report exists.
 */
@IntegrationTest
class ReportAccessApiTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    String home;
    String supported;
    String person;
    long id;

    @BeforeEach
    void fileOneReport() {
        home = fixtures.institution("10002");      // 宜蘭縣
        supported = fixtures.institution("10015"); // 花蓮縣
        person = fixtures.practitioner(home);
        LocalDate start = fixtures.today().plusDays(20);
        id = api.post("practitioner:" + person, "/api/v1/submissions",
                Api.report(person, supported, start.toString(), start.plusMonths(1).toString(), "SUNDAY", "22:00", "02:00"),
                Map.of("Idempotency-Key", "access-" + person)).body().get("id").asLong();
    }

    @Test
    void thoseConcernedCanReadIt() {
        for (String reader : List.of("practitioner:" + person, "institution:" + home, "institution:" + supported,
                "reviewer:10015:hua", "reviewer:10002:yi", "bureau-admin:10002:boss", "national-viewer:mohw")) {
            var r = api.get(reader, "/api/v1/reports/" + id);
            assertThat(r.status()).as(reader).isEqualTo(200);
            assertThat(r.text("/id")).isEqualTo(Long.toString(id));
        }
    }

    @Test
    void everybodyElseIsToldItDoesNotExist() {
        String otherPerson = fixtures.practitioner(home);
        for (String stranger : List.of("practitioner:" + otherPerson, "institution:" + fixtures.institution("10002"),
                "reviewer:63000:taipei", "bureau-admin:66000:taichung", "system-admin:ops")) {
            var r = api.get(stranger, "/api/v1/reports/" + id);
            assertThat(r.status()).as(stranger).isEqualTo(404);
            assertThat(r.text("/errors/0/code")).isEqualTo("report.not.found");
            assertThat(api.get(stranger, "/api/v1/reports/" + id + "/revisions").status()).isEqualTo(404);
            var list = api.get(stranger, "/api/v1/reports?practitioner=" + person);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body().get("items")).isEmpty();
            assertThat(api.get(stranger, "/api/v1/practitioners/" + person + "/week?date="
                    + fixtures.today().plusDays(27)).status()).as(stranger).isEqualTo(404);
        }
    }

    @Test
    void theHomeCountysBureauDecidesAndTheSupportedCountysIsInformed() {
        var filed = api.get("practitioner:" + person, "/api/v1/reports/" + id);
        assertThat(filed.text("/decidingBureau/code")).isEqualTo("10002");
        assertThat(filed.text("/informedBureau/code")).isEqualTo("10015");
        assertThat(filed.text("/caseNumber")).startsWith("宜縣");
        var informedBureau = api.post("reviewer:10015:hua", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE"));
        assertThat(informedBureau.status()).isEqualTo(403);
        assertThat(informedBureau.text("/errors/0/code")).isEqualTo("report.decide.forbidden");
        assertThat(api.get("reviewer:10015:hua", "/api/v1/reports/" + id).body().get("actions"))
                .as("the informed bureau may see the person in full, nothing else").hasSize(1);
        var otherBureau = api.post("reviewer:63000:taipei", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(otherBureau.status()).isEqualTo(404);
        for (String applicantSide : List.of("practitioner:" + person, "institution:" + home, "institution:" + supported)) {
            assertThat(api.post(applicantSide, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"))
                    .status()).as(applicantSide).isEqualTo(403);
        }
        assertThat(api.get("national-viewer:mohw", "/api/v1/reports/" + id).text("/status")).isEqualTo("SUBMITTED");
        var approved = api.post("reviewer:10002:yi", "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.text("/approvalNumber")).startsWith("宜縣衛醫字第");
        // after the decision: the deciding bureau may still cancel; the informed one still reads only
        assertThat(api.get("reviewer:10002:yi", "/api/v1/reports/" + id).body().get("actions").toString())
                .contains("CANCEL");
        assertThat(api.post("reviewer:10015:hua", "/api/v1/reports/" + id + "/cancel",
                Map.of("from", fixtures.today().plusDays(25).toString(), "reason", "x")).status()).isEqualTo(403);
    }

    @Test
    void inOneCountyOneBureauDecidesAndNobodyIsInformed() {
        String local = fixtures.institution("10002");
        LocalDate start = fixtures.today().plusDays(80);
        var filed = api.post("institution:" + home, "/api/v1/submissions", Api.report(person, local,
                start.toString(), start.plusDays(9).toString(), "MONDAY", "09:00", "10:00"),
                Map.of("Idempotency-Key", "local-" + person));
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.text("/decidingBureau/code")).isEqualTo("10002");
        assertThat(filed.body().has("informedBureau")).as("nobody informed").isFalse();
        assertThat(filed.body().has("decidingBureau")).isTrue();
        long localId = filed.body().get("id").asLong();
        assertThat(api.get("reviewer:10002:yi", "/api/v1/reports/" + localId).status()).isEqualTo(200);
        assertThat(api.get("reviewer:10015:hua", "/api/v1/reports/" + localId).status()).isEqualTo(404);
    }

    @Test
    void aPersonFilingForThemselfAndTheirClerkRouteTheSame() {
        LocalDate start = fixtures.today().plusDays(100);
        String other = fixtures.institution("10015");
        var bySelf = api.post("practitioner:" + person, "/api/v1/submissions", Api.report(person, other,
                start.toString(), start.plusDays(6).toString(), "TUESDAY", "09:00", "10:00"),
                Map.of("Idempotency-Key", "self-" + person));
        var byClerk = api.post("institution:" + home, "/api/v1/submissions", Api.report(person, other,
                start.toString(), start.plusDays(6).toString(), "WEDNESDAY", "09:00", "10:00"),
                Map.of("Idempotency-Key", "clerk-" + person));
        for (var filed : List.of(bySelf, byClerk)) {
            assertThat(filed.status()).isEqualTo(201);
            assertThat(filed.text("/decidingBureau/code")).isEqualTo("10002");
            assertThat(filed.text("/informedBureau/code")).isEqualTo("10015");
        }
    }

    @Test
    void theSupportedInstitutionReadsButCannotActForThePerson() {
        var withdraw = api.post("institution:" + supported, "/api/v1/reports/" + id + "/withdraw", Map.of("reason", "x"));
        assertThat(withdraw.status()).isEqualTo(403);
        assertThat(api.get("practitioner:" + person, "/api/v1/reports/" + id).text("/status")).isEqualTo("SUBMITTED");
    }

    @Test
    void listsAreScopedToTheCaller() {
        var forPerson = api.get("practitioner:" + person, "/api/v1/reports");
        assertThat(forPerson.body().get("items")).hasSize(1);
        var forInformedBureau = api.get("reviewer:10015:hua", "/api/v1/reports?practitioner=" + person);
        assertThat(forInformedBureau.body().get("items")).hasSize(1);
        assertThat(forInformedBureau.body().at("/items/0/informedBureau").asString()).isEqualTo("10015");
        // 花蓮 reads it (副知) but it is not in 花蓮's queue; it is in 宜蘭's, the home county's.
        var informedQueue = api.get("reviewer:10015:hua", "/api/v1/reports?awaitingDecision=true&size=100");
        assertThat(informedQueue.body().get("items").findValuesAsString("id")).doesNotContain(Long.toString(id));
        var queue = api.get("reviewer:10002:yi", "/api/v1/reports?awaitingDecision=true&practitioner=" + person);
        assertThat(queue.body().get("items").findValuesAsString("id")).containsExactly(Long.toString(id));
        queue.body().get("items").forEach(item -> assertThat(item.get("decidingBureau").asString()).isEqualTo("10002"));
        // A filter never widens the scope: asking for another bureau's reports returns none of them — while the
        // same filter from within does find it.
        var narrowed = api.get("reviewer:10015:hua", "/api/v1/reports?bureau=10002&size=100&practitioner=" + person);
        assertThat(narrowed.body().get("items").findValuesAsString("id")).contains(Long.toString(id));
        var widened = api.get("reviewer:63000:taipei", "/api/v1/reports?bureau=10002&size=100&practitioner=" + person);
        assertThat(widened.status()).isEqualTo(200);
        assertThat(widened.body().get("items").findValuesAsString("id")).doesNotContain(Long.toString(id));
    }

    @Test
    void fullNationalIdIsShownToStaffOnRequestOnly() {
        assertThat(api.get("reviewer:10002:yi", "/api/v1/reports/" + id).raw()).doesNotContain(person);
        var shown = api.get("reviewer:10002:yi", "/api/v1/reports/" + id + "/national-id");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("/nationalId")).isEqualTo(person);
        assertThat(api.get("institution:" + home, "/api/v1/reports/" + id + "/national-id").status()).isEqualTo(403);
        assertThat(api.get("reviewer:63000:taipei", "/api/v1/reports/" + id + "/national-id").status()).isEqualTo(404);
    }

    @Test
    void aPersonsWeekShowsNightSlotsAcrossMidnight() {
        LocalDate sunday = fixtures.today().plusDays(20);
        while (sunday.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
            sunday = sunday.plusDays(1);
        }
        var week = api.get("practitioner:" + person, "/api/v1/practitioners/" + person + "/week?date=" + sunday);
        assertThat(week.status()).isEqualTo(200);
        assertThat(week.text("/monday")).isEqualTo(sunday.minusDays(6).toString());
        assertThat(week.text("/commitments/0/caseNumber")).isNotNull();
        assertThat(week.text("/commitments/0/intervals/0/start")).isEqualTo(sunday + "T22:00:00");
        assertThat(week.text("/commitments/0/intervals/0/end")).isEqualTo(sunday.plusDays(1) + "T02:00:00");
        assertThat(week.body().get("conflicts")).isEmpty();
        assertThat(week.raw()).doesNotContain(person);
    }

    @Test
    void draftsAreTheApplicantsAlone() {
        LocalDate start = fixtures.today().plusDays(40);
        long draft = api.post("institution:" + home, "/api/v1/reports",
                Api.report(person, supported, start.toString(), start.plusDays(6).toString(), "MONDAY", "09:00", "10:00"))
                .body().get("id").asLong();
        assertThat(api.get("institution:" + home, "/api/v1/reports/" + draft).status()).isEqualTo(200);
        assertThat(api.get("practitioner:" + person, "/api/v1/reports/" + draft).status()).isEqualTo(200);
        for (String outsider : List.of("institution:" + supported, "reviewer:10015:hua", "reviewer:10002:yi",
                "national-viewer:mohw")) {
            assertThat(api.get(outsider, "/api/v1/reports/" + draft).status()).as(outsider).isEqualTo(404);
            assertThat(api.get(outsider, "/api/v1/reports?size=100&practitioner=" + person).body().get("items")
                    .findValuesAsString("id")).as(outsider).doesNotContain(Long.toString(draft));
        }
    }

    @Test
    void clerksLearnNothingAboutIdsThatAreNotTheirStaff() {
        LocalDate start = fixtures.today().plusDays(40);
        String unknown = tw.gov.mohw.support.registry.NationalId.generate('Z', '1', 4_242_424).value();
        String suspended = fixtures.practitioner(home, "SUSPENDED", fixtures.today().minusYears(2), null);
        String elsewhere = fixtures.practitioner(fixtures.institution("10002"));
        List<String> answers = new java.util.ArrayList<>();
        for (String id : List.of(unknown, suspended, elsewhere)) {
            var r = api.post("institution:" + home, "/api/v1/submissions",
                    Api.report(id, supported, start.toString(), start.plusDays(6).toString(), "MONDAY", "09:00", "10:00"),
                    Map.of("Idempotency-Key", "probe-" + id));
            assertThat(r.status()).isEqualTo(422);
            // identical but for the request's own id
            answers.add(r.raw().replaceFirst("\"requestId\":\"[^\"]*\"", ""));
        }
        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
        assertThat(answers.get(0)).contains("report.file.only.staff");
    }
}
