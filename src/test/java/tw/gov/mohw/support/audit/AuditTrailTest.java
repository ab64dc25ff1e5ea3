package tw.gov.mohw.support.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class AuditTrailTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired Api api;
    @Autowired Fixtures fixtures;

    @AfterEach
    void repairChain() {
        // Tests below tamper with the trail as an attacker with database access would; put it back the same way.
        jdbc.sql("alter table audit_entry disable trigger audit_entry_no_update").update();
        jdbc.sql("delete from audit_entry where actor = 'tamper-test'").update();
        jdbc.sql("alter table audit_entry enable trigger audit_entry_no_update").update();
        Long last = jdbc.sql("select max(id) from audit_entry").query(Long.class).optional().orElse(null);
        if (last == null) {
            jdbc.sql("update audit_head set last_id = 0, last_hash = '\\x'::bytea").update();
        } else {
            jdbc.sql("update audit_head set last_id = ?, last_hash = (select hash from audit_entry where id = ?)")
                    .params(last, last).update();
        }
    }

    @Test
    void everyTransitionAndEveryFullIdDisplayIsRecorded() {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        LocalDate start = fixtures.today().plusDays(9);
        long id = api.post("practitioner:" + person, "/api/v1/submissions",
                Api.report(person, fixtures.institution("63000"), start.toString(), start.plusDays(9).toString(),
                        "MONDAY", "08:00", "09:00"), Map.of("Idempotency-Key", "audit-" + person))
                .body().get("id").asLong();
        api.post("reviewer:63000:amy", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        api.get("reviewer:63000:amy", "/api/v1/reports/" + id + "/national-id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(trail.forSubject("report:" + id)).extracting(AuditTrail.Entry::action)
                        .containsExactly("report.create", "report.submit", "report.approve"));
        long practitionerId = jdbc.sql("select id from practitioner where national_id = ?").param(person)
                .query(Long.class).single();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(trail.forSubject("practitioner:" + practitionerId)).singleElement()
                        .satisfies(e -> {
                            assertThat(e.action()).isEqualTo("practitioner.national-id.disclosed");
                            assertThat(e.actor()).isEqualTo("staff:amy");
                        }));
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEntries() {
        var entry = trail.append(Instant.now(), "tamper-test", "test.append", "test:1", "x");
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set details = 'y' where id = ?").param(entry.id()).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = ?").param(entry.id()).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void verificationFindsAnEditedEntry() {
        trail.append(Instant.now(), "tamper-test", "test.append", "test:1", "a");
        var target = trail.append(Instant.now(), "tamper-test", "test.append", "test:2", "b");
        trail.append(Instant.now(), "tamper-test", "test.append", "test:3", "c");
        assertThat(trail.verify().intact()).isTrue();

        tamper("update audit_entry set details = 'B' where id = " + target.id());
        var result = trail.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(target.id());
        assertThat(result.problem()).contains("altered");
    }

    @Test
    void verificationFindsADeletedEntry() {
        trail.append(Instant.now(), "tamper-test", "test.append", "test:1", "a");
        var target = trail.append(Instant.now(), "tamper-test", "test.append", "test:2", "b");
        trail.append(Instant.now(), "tamper-test", "test.append", "test:3", "c");

        tamper("delete from audit_entry where id = " + target.id());
        var result = trail.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(target.id());
    }

    @Test
    void verificationFindsTheNewestEntryDeleted() {
        trail.append(Instant.now(), "tamper-test", "test.append", "test:1", "a");
        var newest = trail.append(Instant.now(), "tamper-test", "test.append", "test:2", "b");

        tamper("delete from audit_entry where id = " + newest.id());
        var result = trail.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("newest");
    }

    @Test
    void verificationFindsAnEntryRewrittenWithARecomputedHashOfItsOwn() {
        trail.append(Instant.now(), "tamper-test", "test.append", "test:1", "a");
        var target = trail.append(Instant.now(), "tamper-test", "test.append", "test:2", "b");
        trail.append(Instant.now(), "tamper-test", "test.append", "test:3", "c");
        byte[] forged = AuditTrail.hash(
                jdbc.sql("select prev_hash from audit_entry where id = ?").param(target.id()).query(byte[].class).single(),
                target.id(), target.at(), target.actor(), target.action(), target.subject(), "forged");
        jdbc.sql("alter table audit_entry disable trigger audit_entry_no_update").update();
        jdbc.sql("update audit_entry set details = 'forged', hash = ? where id = ?").params(forged, target.id()).update();
        jdbc.sql("alter table audit_entry enable trigger audit_entry_no_update").update();

        var result = trail.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(target.id() + 1); // the next entry no longer links to it
    }

    private void tamper(String sql) {
        jdbc.sql("alter table audit_entry disable trigger audit_entry_no_update").update();
        jdbc.sql(sql).update();
        jdbc.sql("alter table audit_entry enable trigger audit_entry_no_update").update();
    }

    @Test
    void systemAdministratorsCheckTheChainOverTheApi() {
        var ok = api.get("system-admin:ops", "/api/v1/audit/verification");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text("/intact")).isEqualTo("true");
        var target = trail.append(Instant.now(), "tamper-test", "test.append", "test:api", "a");
        trail.append(Instant.now(), "tamper-test", "test.append", "test:api", "b");
        tamper("update audit_entry set details = 'rewritten' where id = " + target.id());
        var broken = api.get("system-admin:ops", "/api/v1/audit/verification");
        assertThat(broken.text("/intact")).isEqualTo("false");
        assertThat(broken.text("/brokenAt")).isEqualTo(Long.toString(target.id()));
        String person = "practitioner:" + fixtures.practitioner(fixtures.institution("63000"));
        for (String other : new String[] {"reviewer:63000:amy", "national-viewer:mohw", person}) {
            assertThat(api.get(other, "/api/v1/audit/verification").status()).as(other).isEqualTo(403);
        }
    }
}
