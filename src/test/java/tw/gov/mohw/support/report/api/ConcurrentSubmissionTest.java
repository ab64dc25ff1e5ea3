package tw.gov.mohw.support.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/** Rule 4 and the idempotency key under real concurrency: many HTTP clients at once against PostgreSQL. */
@IntegrationTest
class ConcurrentSubmissionTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void fiftyConflictingSubmissionsForOnePersonAcceptExactlyOne() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        LocalDate start = fixtures.today().plusDays(10);
        // 50 clerks and the person file at once: different sites, different keys, every one overlapping Monday 09–12.
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String site = fixtures.institution(i % 2 == 0 ? "66000" : "64000");
            String from = "%02d:00".formatted(8 + i % 3);
            var body = Api.report(person, site, start.toString(), start.plusMonths(2).toString(), "MONDAY", from, "12:00");
            String actor = i % 2 == 0 ? "practitioner:" + person : "institution:" + home;
            int n = i;
            calls.add(() -> api.post(actor, "/api/v1/submissions", body, Map.of("Idempotency-Key", "conflict-" + n + "-" + person)));
        }
        List<Api.Response> responses = runAtOnce(calls);

        List<Api.Response> accepted = responses.stream().filter(r -> r.status() == 201).toList();
        List<Api.Response> refused = responses.stream().filter(r -> r.status() == 409).toList();
        assertThat(accepted).hasSize(1);
        assertThat(refused).hasSize(49);
        String caseNumber = accepted.get(0).text("/caseNumber");
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.text("/errors/0/code")).isEqualTo("schedule.overlap");
            assertThat(r.text("/errors/0/field")).isEqualTo("schedule");
            assertThat(r.text("/errors/0/message")).contains(caseNumber).contains("重疊");
        });
        long stored = jdbc.sql("""
                select count(*) from support_report r join practitioner p on p.id = r.practitioner_id
                 where p.national_id = ? and r.status <> 'DRAFT'""").param(person).query(Long.class).single();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsForDifferentPeopleDrawDistinctCaseNumbers() throws Exception {
        List<Callable<Api.Response>> calls = new ArrayList<>();
        LocalDate start = fixtures.today().plusDays(5);
        for (int i = 0; i < 30; i++) {
            String home = fixtures.institution("65000");
            String person = fixtures.practitioner(home);
            String site = fixtures.institution("65000");
            var body = Api.report(person, site, start.toString(), start.plusMonths(1).toString(), "FRIDAY", "18:00", "21:00");
            calls.add(() -> api.post("practitioner:" + person, "/api/v1/submissions", body,
                    Map.of("Idempotency-Key", "distinct-" + person)));
        }
        List<Api.Response> responses = runAtOnce(calls);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        Set<String> numbers = new HashSet<>();
        responses.forEach(r -> numbers.add(r.text("/caseNumber")));
        assertThat(numbers).hasSize(30).allSatisfy(n -> assertThat(n).startsWith("新北"));
    }

    @Test
    void theSameIdempotencyKeyNeverCreatesTwoReportsEvenAtOnce() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        String site = fixtures.institution("63000");
        LocalDate start = fixtures.today().plusDays(3);
        var body = Api.report(person, site, start.toString(), start.plusDays(30).toString(), "WEDNESDAY", "09:00", "12:00");
        String key = "same-key-" + person;
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> api.post("practitioner:" + person, "/api/v1/submissions", body, Map.of("Idempotency-Key", key)));
        }
        List<Api.Response> responses = runAtOnce(calls);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 201));
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().map(r -> r.text("/id")).distinct()).hasSize(1);

        // Later retries get the same report back, and a different body under the same key is refused.
        assertThat(api.post("practitioner:" + person, "/api/v1/submissions", body, Map.of("Idempotency-Key", key))
                .status()).isEqualTo(200);
        var other = Api.report(person, fixtures.institution("63000"), start.toString(), start.plusDays(30).toString(),
                "THURSDAY", "09:00", "12:00");
        var reused = api.post("practitioner:" + person, "/api/v1/submissions", other, Map.of("Idempotency-Key", key));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.text("/errors/0/code")).isEqualTo("idempotency.key.reused");
        long stored = jdbc.sql("select count(*) from support_report r join practitioner p on p.id = r.practitioner_id where p.national_id = ?")
                .param(person).query(Long.class).single();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void twoReviewersDecidingAtOnceOneWinsTheOtherIsTold() throws Exception {
        String home = fixtures.institution("63000");
        String person = fixtures.practitioner(home);
        String site = fixtures.institution("67000");
        LocalDate start = fixtures.today().plusDays(3);
        long id = api.post("practitioner:" + person, "/api/v1/submissions",
                Api.report(person, site, start.toString(), start.plusDays(30).toString(), "SATURDAY", "09:00", "12:00"),
                Map.of("Idempotency-Key", "two-reviewers-" + person)).body().get("id").asLong();
        List<Callable<Api.Response>> calls = List.of(
                () -> api.post("reviewer:63000:ann", "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE")),
                () -> api.post("reviewer:63000:ben", "/api/v1/reports/" + id + "/decisions",
                        Map.of("decision", "REJECT", "reason", "資料不全")));
        List<Api.Response> responses = runAtOnce(calls);
        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(1);
        Api.Response loser = responses.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertThat(loser.status()).isEqualTo(409);
        assertThat(loser.text("/errors/0/code")).isEqualTo("report.nothing.to.decide");
    }

    private static List<Api.Response> runAtOnce(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Api.Response> out = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
