package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class ReportLifecycleApiTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;

    String home;
    String supported;
    String person;
    String applicant;
    /** The home institution is in 臺北市: its bureau decides; 臺中市, where the person supports, is informed. */
    String reviewer = "reviewer:63000:rita";
    LocalDate start;

    @BeforeEach
    void setUp() {
        home = fixtures.institution("63000");
        supported = fixtures.institution("66000");
        person = fixtures.practitioner(home);
        applicant = "practitioner:" + person;
        start = fixtures.today().plusDays(14);
    }

    Map<String, Object> body() {
        return Api.report(person, supported, start.toString(), start.plusMonths(3).toString(), "TUESDAY", "13:30",
                "17:30");
    }

    @Test
    void draftIsSubmittedReturnedCorrectedResubmittedAndApproved() {
        var draft = api.post(applicant, "/api/v1/reports", body());
        assertThat(draft.status()).isEqualTo(201);
        assertThat(draft.text("/status")).isEqualTo("DRAFT");
        assertThat(draft.text("/caseNumber")).isNull();
        assertThat(draft.text("/practitioner/maskedNationalId")).isEqualTo(person.substring(0, 6) + "****");
        assertThat(draft.raw()).doesNotContain(person);
        long id = draft.body().get("id").asLong();

        var submitted = api.post(applicant, "/api/v1/reports/" + id + "/submit", null);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.text("/status")).isEqualTo("SUBMITTED");
        int rocYear = RocDates.rocYear(fixtures.today());
        assertThat(submitted.text("/caseNumber")).matches("北市" + rocYear + "-\\d{6}");
        assertThat(submitted.text("/decidingBureau/code")).isEqualTo("63000");
        assertThat(submitted.text("/informedBureau/code")).isEqualTo("66000");
        assertThat(submitted.text("/informedBureau/name")).isEqualTo("臺中市政府衛生局");

        var returned = api.post(reviewer, "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "RETURN", "reason", "請附支援同意書"));
        assertThat(returned.text("/status")).isEqualTo("RETURNED");

        Map<String, Object> corrected = new java.util.HashMap<>(body());
        corrected.put("content", "支援內科門診（已附同意書）");
        var updated = api.put(applicant, "/api/v1/reports/" + id, corrected);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("/inForce/particulars/content")).isEqualTo("支援內科門診（已附同意書）");
        assertThat(updated.body().at("/inForce/number").asInt()).isEqualTo(2);

        assertThat(api.post(applicant, "/api/v1/reports/" + id + "/submit", null).text("/status")).isEqualTo("SUBMITTED");
        var approved = api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.text("/status")).isEqualTo("APPROVED");
        assertThat(approved.text("/approvalNumber")).matches("北市衛醫字第" + rocYear + "\\d{7}號");

        List<String> actions = new ArrayList<>();
        approved.body().get("history").forEach(t -> actions.add(t.get("action").asString()));
        assertThat(actions).containsExactly("CREATE", "SUBMIT", "RETURN", "UPDATE", "RESUBMIT", "APPROVE");
        JsonNode ret = approved.body().get("history").get(2);
        assertThat(ret.get("reason").asString()).isEqualTo("請附支援同意書");
        assertThat(ret.get("actor").asString()).isEqualTo("staff:rita");
        assertThat(ret.get("at").asString()).endsWith("Z");

        var revisions = api.get(applicant, "/api/v1/reports/" + id + "/revisions");
        assertThat(revisions.body()).hasSize(2);
        assertThat(revisions.body().get(0).get("state").asString()).isEqualTo("SUPERSEDED");
        assertThat(revisions.body().get(1).get("state").asString()).isEqualTo("APPROVED");
    }

    @Test
    void approvedVersionStaysInForceUntilTheChangeIsApproved() {
        long id = approvedReport();
        String approvalNumber = api.get(applicant, "/api/v1/reports/" + id).text("/approvalNumber");

        Map<String, Object> change = new java.util.HashMap<>(body());
        change.remove("practitioner");
        change.remove("supportedInstitution");
        change.remove("category");
        change.put("schedule", Map.of("weekly", List.of(Map.of("day", "THURSDAY", "start", "09:00", "end", "12:00"))));
        change.put("reason", "門診時段調整");
        var requested = api.post(applicant, "/api/v1/reports/" + id + "/changes", change);
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.text("/status")).isEqualTo("APPROVED");
        assertThat(requested.text("/inForce/particulars/schedule/weekly/0/day")).isEqualTo("TUESDAY");
        assertThat(requested.text("/pendingChange/particulars/schedule/weekly/0/day")).isEqualTo("THURSDAY");
        assertThat(requested.text("/pendingChange/state")).isEqualTo("SUBMITTED");

        // A second change while one waits is refused.
        assertThat(api.post(applicant, "/api/v1/reports/" + id + "/changes", change).status()).isEqualTo(409);

        var decided = api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(decided.text("/inForce/particulars/schedule/weekly/0/day")).isEqualTo("THURSDAY");
        assertThat(decided.text("/pendingChange")).isNull();
        assertThat(decided.text("/approvalNumber")).isNotEqualTo(approvalNumber);
    }

    @Test
    void rejectedChangeLeavesTheApprovedVersionInForce() {
        long id = approvedReport();
        Map<String, Object> change = new java.util.HashMap<>(body());
        change.put("content", "改為夜間");
        change.put("reason", "調整");
        api.post(applicant, "/api/v1/reports/" + id + "/changes", change);
        var rejected = api.post(reviewer, "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "REJECT", "reason", "不符規定"));
        assertThat(rejected.text("/status")).isEqualTo("APPROVED");
        assertThat(rejected.text("/inForce/particulars/content")).isEqualTo("支援內科門診");
        assertThat(rejected.text("/pendingChange")).isNull();
    }

    @Test
    void cancelEndsAnApprovedReportFromADate() {
        long id = approvedReport();
        String from = start.plusDays(7).toString();
        var pastDate = api.post(applicant, "/api/v1/reports/" + id + "/cancel",
                Map.of("from", fixtures.today().minusDays(1).toString(), "reason", "離職"));
        assertThat(pastDate.status()).isEqualTo(422);
        var noReason = api.post(applicant, "/api/v1/reports/" + id + "/cancel", Map.of("from", from));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text("/errors/0/field")).isEqualTo("reason");

        var cancelled = api.post(applicant, "/api/v1/reports/" + id + "/cancel", Map.of("from", from, "reason", "離職"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("/status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("/cancelledFrom")).isEqualTo(from);
        assertThat(api.post(applicant, "/api/v1/reports/" + id + "/cancel", Map.of("from", from, "reason", "x"))
                .status()).isEqualTo(409);
    }

    @Test
    void withdrawBeforeDecisionThenNothingMoreCanHappen() {
        long id = api.post(applicant, "/api/v1/submissions", body(), Map.of("Idempotency-Key", "withdraw-" + person))
                .body().get("id").asLong();
        var withdrawn = api.post(applicant, "/api/v1/reports/" + id + "/withdraw", Map.of("reason", "改期"));
        assertThat(withdrawn.text("/status")).isEqualTo("WITHDRAWN");
        var approve = api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.text("/errors/0/code")).isEqualTo("report.nothing.to.decide");
    }

    @Test
    void returnAndRejectNeedAReason() {
        long id = api.post(applicant, "/api/v1/submissions", body(), Map.of("Idempotency-Key", "reason-" + person))
                .body().get("id").asLong();
        for (String decision : List.of("RETURN", "REJECT")) {
            var r = api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", decision));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.text("/errors/0/code")).isEqualTo("report.reason.required");
        }
        assertThat(api.get(applicant, "/api/v1/reports/" + id).text("/status")).isEqualTo("SUBMITTED");
        var rejected = api.post(reviewer, "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "REJECT", "reason", "資格不符"));
        assertThat(rejected.text("/status")).isEqualTo("REJECTED");
    }

    @Test
    void nobodyDecidesTheirOwnReport() {
        long id = api.post(applicant, "/api/v1/submissions", body(), Map.of("Idempotency-Key", "own-" + person))
                .body().get("id").asLong();
        var own = api.post("reviewer:63000:selfie:" + person, "/api/v1/reports/" + id + "/decisions",
                Map.of("decision", "APPROVE"));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.text("/errors/0/code")).isEqualTo("report.decide.own.filing");
    }

    @Test
    void institutionFilesForItsStaffAndIsRecordedAsActingForThem() {
        var filed = api.post("institution:" + home, "/api/v1/submissions", body(),
                Map.of("Idempotency-Key", "clerk-" + person));
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.text("/filedBy")).isEqualTo("institution:" + home);
        assertThat(filed.text("/actingFor")).isEqualTo(home);
        assertThat(filed.text("/history/1/actingFor")).isEqualTo(home);

        String stranger = fixtures.institution("63000");
        var refused = api.post("institution:" + stranger, "/api/v1/submissions", body(),
                Map.of("Idempotency-Key", "stranger-" + person));
        // 422 like "no such person": a clerk learns nothing about people who are not their staff.
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("/errors/0/code")).isEqualTo("report.file.only.staff");
    }

    long approvedReport() {
        long id = api.post(applicant, "/api/v1/submissions", body(), Map.of("Idempotency-Key", "appr-" + person))
                .body().get("id").asLong();
        assertThat(api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"))
                .text("/status")).isEqualTo("APPROVED");
        return id;
    }

    @Test
    void aWaitingChangeMayOverlapTheVersionItReplacesAndIsNoConflictInTheWeek() {
        long id = approvedReport();
        Map<String, Object> change = new java.util.HashMap<>(body());
        change.put("schedule", Map.of("weekly", List.of(Map.of("day", "TUESDAY", "start", "14:00", "end", "18:00"))));
        change.put("reason", "延後半小時");
        assertThat(api.post(applicant, "/api/v1/reports/" + id + "/changes", change).status()).isEqualTo(200);

        LocalDate tuesday = start.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.TUESDAY));
        var week = api.get(applicant, "/api/v1/practitioners/" + person + "/week?date=" + tuesday);
        assertThat(week.body().get("commitments")).hasSize(2);
        assertThat(week.body().get("commitments").findValuesAsString("pendingChange")).containsExactlyInAnyOrder("false", "true");
        assertThat(week.body().get("conflicts")).isEmpty();
    }
}
