package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.SignIns;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * Garbage, boundaries and hostile values: every one a 4xx problem+json with a clear message, never a 500 or a stack
 * trace, and nothing stored.
 */
@IntegrationTest
class BadInputApiTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    String person;
    String actor;
    String site;
    long reportsBefore;

    @BeforeEach
    void setUp() {
        String home = fixtures.institution("63000");
        person = fixtures.practitioner(home);
        actor = "practitioner:" + person;
        site = fixtures.institution("63000");
        reportsBefore = count();
    }

    long count() {
        return jdbc.sql("select count(*) from support_report").query(Long.class).single();
    }

    Map<String, Object> valid() {
        var start = fixtures.today().plusDays(7);
        return new HashMap<>(Api.report(person, site, start.toString(), start.plusDays(30).toString(), "MONDAY",
                "09:00", "12:00"));
    }

    void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("/title")).isNotBlank();
        assertThat(r.text("/detail")).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at tw.gov").doesNotContain("org.springframework");
        assertThat(count()).isEqualTo(reportsBefore);
    }

    @Test
    void malformedJson() {
        for (String body : List.of("{", "not json", "[1,2,3]", "{\"practitioner\": }", "\u0000\u0001", "null")) {
            var r = api.send(actor, "POST", "/api/v1/reports", body, Map.of());
            assertThat(r.status()).as(body).isIn(400, 422);
            assertProblem(r, r.status());
        }
    }

    @Test
    void wrongTypes() {
        var r = api.send(actor, "POST", "/api/v1/reports",
                "{\"practitioner\": 123, \"period\": \"tomorrow\", \"schedule\": [\"x\"]}", Map.of());
        assertProblem(r, 400);
        assertThat(r.text("/detail")).contains("JSON");
    }

    @Test
    void everyFieldIsCheckedAndNamedAtOnce() {
        Map<String, Object> body = valid();
        body.put("practitioner", "A123456780");
        body.put("supportedInstitution", "12345");
        body.put("category", "HOLIDAY");
        body.put("period", Map.of("start", "1120229", "end", "abc"));
        body.put("schedule", Map.of("weekly", List.of(Map.of("day", "FUNDAY", "start", "25:00", "end", "9"))));
        var r = api.post(actor, "/api/v1/reports", body);
        assertProblem(r, 422);
        List<String> fields = r.body().get("errors").findValuesAsString("field");
        assertThat(fields).contains("practitioner", "supportedInstitution", "category", "period.start", "period.end",
                "schedule.weekly[0].day", "schedule.weekly[0].start", "schedule.weekly[0].end");
        assertThat(r.body().get("errors").findValuesAsString("message")).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(r.raw()).contains("檢查碼");
    }

    @Test
    void oversizedStringsAndListsAreRefused() {
        Map<String, Object> body = valid();
        body.put("content", "長".repeat(1001));
        var r = api.post(actor, "/api/v1/reports", body);
        assertProblem(r, 422);
        assertThat(r.text("/errors/0/field")).isEqualTo("content");
        assertThat(r.text("/errors/0/code")).isEqualTo("field.size");

        Map<String, Object> many = valid();
        many.put("schedule", Map.of("weekly", java.util.Collections.nCopies(51,
                Map.of("day", "MONDAY", "start", "09:00", "end", "10:00"))));
        assertProblem(api.post(actor, "/api/v1/reports", many), 422);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeReading() {
        String huge = "{\"content\":\"" + "x".repeat(70_000) + "\"}";
        var r = api.send(actor, "POST", "/api/v1/reports", huge, Map.of());
        assertProblem(r, 413);
    }

    @Test
    void hostileTextIsStoredAsTextAndReturnedAsJson() {
        Map<String, Object> body = valid();
        body.put("content", "<script>alert(1)</script> ../../etc/passwd '; drop table support_report; --");
        var r = api.post(actor, "/api/v1/reports", body);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.text("/inForce/particulars/content")).startsWith("<script>");
        assertThat(count()).isEqualTo(reportsBefore + 1);
    }

    /** A NUL byte (PostgreSQL refuses it) or another control character: 422 naming the field, nothing stored. */
    @Test
    void controlCharactersInTextAreRefusedByField() {
        var body = valid();
        body.put("content", "支援\u0000門診");
        var nul = api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", "nul-" + person));
        assertProblem(nul, 422);
        assertThat(nul.text("/errors/0/field")).isEqualTo("content");
        assertThat(nul.text("/errors/0/code")).isEqualTo("field.control.characters");
        body.put("content", "門診\u001b[31m");
        assertThat(api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", "esc-" + person))
                .text("/errors/0/field")).isEqualTo("content");
        var slot = valid();
        slot.put("schedule", Map.of("weekly", List.of(Map.of("day", "MONDAY\u0000", "start", "09:00", "end", "12:00"))));
        var inSlot = api.post(actor, "/api/v1/submissions", slot, Map.of("Idempotency-Key", "slot-" + person));
        assertProblem(inSlot, 422);
        assertThat(inSlot.text("/errors/0/field")).isEqualTo("schedule.weekly[0].day");
        // line breaks in a description are text
        body.put("content", "週一門診\n週三教學");
        assertThat(api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", "lines-" + person))
                .status()).isEqualTo(201);
    }

    /** Only invisible characters (zero-width space, BOM) say nothing: they are not content, nor a reason. */
    @Test
    void textOfInvisibleCharactersIsNotContent() {
        var body = valid();
        body.put("content", "\u200B\u200C\uFEFF \u2060");
        var blank = api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", "zw-" + person));
        assertProblem(blank, 422);
        assertThat(blank.text("/errors/0/field")).isEqualTo("content");
        assertThat(blank.text("/errors/0/code")).isEqualTo("content.required");
    }

    @Test
    void unknownAndForeignIds() {
        assertProblem(api.get(actor, "/api/v1/reports/999999999"), 404);
        assertProblem(api.get(actor, "/api/v1/reports/-1"), 404);
        assertProblem(api.get(actor, "/api/v1/reports/abc"), 400);
        assertProblem(api.get(actor, "/api/v1/reports/99999999999999999999999"), 400);
        assertProblem(api.post(actor, "/api/v1/reports/999999999/submit", null), 404);
        assertProblem(api.get(actor, "/api/v1/nowhere"), 404);
        // Someone else's draft: not found, and untouched.
        String other = fixtures.practitioner(fixtures.institution("63000"));
        var start = fixtures.today().plusDays(7);
        long theirs = api.post("practitioner:" + other, "/api/v1/reports",
                Api.report(other, site, start.toString(), start.plusDays(3).toString(), "MONDAY", "09:00", "10:00"))
                .body().get("id").asLong();
        long before = count();
        assertThat(api.post(actor, "/api/v1/reports/" + theirs + "/submit", null).status()).isEqualTo(404);
        assertThat(api.put(actor, "/api/v1/reports/" + theirs, valid()).status()).isEqualTo(404);
        assertThat(api.get("practitioner:" + other, "/api/v1/reports/" + theirs).text("/status")).isEqualTo("DRAFT");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anotherPersonCannotBeFiledFor() {
        Map<String, Object> body = valid();
        String other = fixtures.practitioner(fixtures.institution("63000"));
        body.put("practitioner", other);
        var r = api.post(actor, "/api/v1/reports", body);
        assertProblem(r, 403);
        assertThat(r.text("/errors/0/code")).isEqualTo("report.file.only.self");
    }

    @Test
    void wrongMethodsAndMediaTypes() {
        assertProblem(api.send(actor, "DELETE", "/api/v1/reports/1", null, Map.of()), 405);
        var xml = api.send(actor, "POST", "/api/v1/reports", null, Map.of("Content-Type", "application/xml"));
        assertThat(xml.status()).isIn(400, 415);
        assertProblem(xml, xml.status());
    }

    @Test
    void badQueryParameters() {
        assertProblem(api.get(actor, "/api/v1/reports?size=1000"), 400);
        assertProblem(api.get(actor, "/api/v1/reports?page=-1"), 400);
        assertProblem(api.get(actor, "/api/v1/reports?sort=password"), 422);
        assertProblem(api.get(actor, "/api/v1/reports?status=ALMOST"), 422);
        assertProblem(api.get(actor, "/api/v1/reports?from=1121301"), 422);
        assertProblem(api.get(actor, "/api/v1/reports?practitioner=X"), 422);
    }

    @Test
    void idempotencyKeyIsRequiredAndBounded() {
        assertProblem(api.post(actor, "/api/v1/submissions", valid()), 400);
        assertProblem(api.post(actor, "/api/v1/submissions", valid(), Map.of("Idempotency-Key", "k".repeat(65))), 400);
    }

    @Test
    void messagesAreInEnglishOnRequest() {
        Map<String, Object> body = valid();
        body.put("practitioner", "A123456780");
        var r = api.post(actor, "/api/v1/reports", body, Map.of("Accept-Language", "en-US,en;q=0.9"));
        assertProblem(r, 422);
        assertThat(r.text("/title")).isEqualTo("Validation failed");
        assertThat(r.text("/errors/0/message")).contains("check digit");
        var zh = api.post(actor, "/api/v1/reports", body);
        assertThat(zh.text("/title")).isEqualTo("資料未通過檢核");
    }

    @Test
    void noActorNoAccess() {
        long refusedBefore = jdbc.sql("select count(*) from security_event where kind = 'ACCESS_REFUSED'")
                .query(Long.class).single();
        var none = api.get(null, "/api/v1/reports");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text("/detail")).isEqualTo("請先登入。");
        assertThat(jdbc.sql("select count(*) from security_event where kind = 'ACCESS_REFUSED' and reason = ?")
                .param("unauthenticated GET /api/v1/reports").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from security_event where kind = 'ACCESS_REFUSED'")
                .query(Long.class).single()).isGreaterThan(refusedBefore);
        // The foundation's test header signs nobody in any more; a made-up or foreign session cookie neither.
        var header = api.send((SignIns.Session) null, "GET", "/api/v1/reports", null,
                Map.of("X-Test-Actor", "practitioner:" + fixtures.practitioner(fixtures.institution("63000"))));
        assertThat(header.status()).isEqualTo(401);
        for (String cookie : List.of("bm9uc2Vuc2U=", "", "x".repeat(500), "' or 1=1 --")) {
            assertThat(api.send(new SignIns.Session(cookie, ""), "GET", "/api/v1/reports", null, Map.of()).status())
                    .as(cookie).isEqualTo(401);
        }
    }

    @Test
    void datesWithoutAnRocFormAreRefused() {
        for (String[] period : new String[][] {{"1900-01-01", "1900-06-30"}, {"3000-01-01", "3000-01-31"},
                {"0000-01-01", "0000-01-02"}, {"2026-02-30", "2026-03-01"}}) {
            Map<String, Object> body = valid();
            body.put("period", Map.of("start", period[0], "end", period[1]));
            var r = api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", "dates-" + period[0]));
            assertProblem(r, 422);
            assertThat(r.text("/errors/0/field")).isEqualTo("period.start");
            assertThat(r.text("/errors/0/code")).isEqualTo("date.invalid");
        }
    }

    @Test
    void anUnknownDepartmentIsNamedEvenInADraft() {
        Map<String, Object> body = valid();
        body.put("department", "ZZ99");
        var r = api.post(actor, "/api/v1/reports", body);
        assertProblem(r, 422);
        assertThat(r.text("/errors/0/field")).isEqualTo("department");
        assertThat(r.text("/errors/0/code")).isEqualTo("department.unknown");
    }

    @Test
    void aKeyThatMadeADraftCannotFileAReport() {
        var draft = api.post(actor, "/api/v1/reports", valid(), Map.of("Idempotency-Key", "draft-key-" + person));
        assertThat(draft.status()).isEqualTo(201);
        reportsBefore = count();
        var filing = api.post(actor, "/api/v1/submissions", valid(), Map.of("Idempotency-Key", "draft-key-" + person));
        assertProblem(filing, 409);
        assertThat(filing.text("/errors/0/code")).isEqualTo("idempotency.key.reused");
    }
}
