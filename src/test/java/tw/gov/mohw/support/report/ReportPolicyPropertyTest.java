package tw.gov.mohw.support.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;

/**
 * ReportPolicy asked three ways must give one answer. Random reports in every state and routing (stored as rows,
 * read back through the repository) meet actors of every role and relation — the person, another person, the home,
 * the supported and an unrelated institution, staff of the deciding, the informed and an unrelated bureau (with and
 * without a national ID, and one who is the person), the ministry, a system administrator — and for each pair: the
 * single check {@code maySee}, membership of the SQL scope that every list uses, the queue and 副知 lists, the
 * search the pages call, and the allowed actions agree.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPolicyPropertyTest {

    static final long SEED = 20261204L;
    static final int REPORTS = 240;

    @Autowired JdbcClient jdbc;
    @Autowired Fixtures fixtures;
    @Autowired ReportRepository repository;
    @Autowired ReportQueries queries;
    @Autowired SupportReports reports;

    final List<SupportReport> generated = new ArrayList<>();
    final List<ReportPolicy.Who> actors = new ArrayList<>();
    LocalDate today;

    /** Three counties: A is the home county; the supported institution is in B (越區) or in A too. */
    static final String A = "10002";
    static final String B = "10015";
    static final String C = "63000";

    @BeforeAll
    void generate() {
        today = fixtures.today();
        Random random = new Random(SEED);
        String homeA = fixtures.institution(A);
        String otherHomeA = fixtures.institution(A);
        String supportedB = fixtures.institution(B);
        String supportedA = fixtures.institution(A);
        String person = fixtures.practitioner(homeA);
        String colleague = fixtures.practitioner(otherHomeA);
        long personId = personId(person);
        long colleagueId = personId(colleague);
        String staffId = NationalId.generate('Q', '8', (int) (SEED % 9_000_000)).value();

        actors.add(new ReportPolicy.Who(Actor.practitioner(person), personId));
        actors.add(new ReportPolicy.Who(Actor.practitioner(colleague), colleagueId));
        for (String institution : List.of(homeA, otherHomeA, supportedB, supportedA, fixtures.institution(C))) {
            actors.add(new ReportPolicy.Who(Actor.institution(institution), -1));
        }
        for (String county : List.of(A, B, C)) {
            actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.REVIEWER, "r" + county, county, staffId), -1));
            actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.BUREAU_ADMIN, "a" + county, county, staffId), -1));
            actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.REVIEWER, "n" + county, county, null), -1));
        }
        // a reviewer of the home county who is also the person the reports are about
        actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.REVIEWER, "self", A, person), personId));
        // the reviewer who sent some of the waiting filings (a change asked for by staff of no relation: never
        // happens through the pages, but the account is what separation of duties compares)
        actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.REVIEWER, "sender", A, staffId), -1));
        actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.NATIONAL_VIEWER, "mohw", null, staffId), -1));
        actors.add(new ReportPolicy.Who(Actor.staff(Actor.Role.SYSTEM_ADMIN, "ops", null, staffId), -1));

        for (int i = 0; i < REPORTS; i++) {
            boolean self = random.nextBoolean();
            long practitioner = self ? personId : colleagueId;
            String home = self ? homeA : otherHomeA;
            String supported = random.nextInt(3) == 0 ? supportedA : supportedB;
            String supportedCounty = supported.equals(supportedA) ? A : B;
            // a few approved under the old routing: the supported county decided, the home county informed
            boolean legacy = random.nextInt(6) == 0;
            Jurisdiction j = legacy && !supportedCounty.equals(A) ? new Jurisdiction(B, A) : Jurisdiction.of(A, supportedCounty);
            ReportStatus status = ReportStatus.values()[random.nextInt(ReportStatus.values().length)];
            String change = status == ReportStatus.APPROVED ? List.of("", "SUBMITTED", "RETURNED").get(random.nextInt(3)) : "";
            String filer = switch (random.nextInt(3)) {
                case 0 -> "practitioner:" + (self ? person : colleague);
                case 1 -> "institution:" + home;
                default -> "staff:sender";
            };
            generated.add(repository.find(insert(random, practitioner, home, supported, j, status, change, filer))
                    .orElseThrow());
        }
    }

    @Test
    void theSingleCheckTheListsAndTheActionsAgree() {
        List<Long> ids = generated.stream().map(SupportReport::id).toList();
        int seen = 0;
        int decidable = 0;
        for (ReportPolicy.Who who : actors) {
            Set<Long> visible = new HashSet<>(queries.within(ReportPolicy.visibleTo(who), ids));
            Set<Long> queue = new HashSet<>(queries.within(withQueued(ReportPolicy.queueOf(who)), ids));
            Set<Long> informed = new HashSet<>(queries.within(ReportPolicy.informedOf(who), ids));
            Set<Long> asApplicant = new HashSet<>(queries.within(ReportPolicy.asApplicant(who), ids));
            for (SupportReport r : generated) {
                String pair = who.actor() + " / report " + r.id() + " " + r.status() + " " + r.routing()
                        + " (seed " + SEED + ")";
                boolean maySee = ReportPolicy.maySee(who, r.routing());
                Set<ReportAction> allowed = ReportPolicy.allowedActions(who, r.facts(today));
                assertThat(visible.contains(r.id())).as("SQL scope = maySee: " + pair).isEqualTo(maySee);
                if (!maySee) {
                    assertThat(allowed).as("nothing allowed unseen: " + pair).isEmpty();
                }
                if (allowed.contains(ReportAction.DECIDE)) {
                    decidable++;
                    assertThat(queue).as("what one may decide is in one's queue: " + pair).contains(r.id());
                    assertThat(who.actor().bureauCode()).as(pair).isEqualTo(r.decidingBureau());
                    assertThat(who.actor().nationalId()).as("an account that decides carries an ID: " + pair)
                            .isNotNull();
                    assertThat(who.personId()).as("never one's own report: " + pair).isNotEqualTo(r.practitionerId());
                    assertThat(r.facts(today).waitingFiler()).as("never what one sent: " + pair)
                            .isNotEqualTo(who.actor().account());
                }
                if (queue.contains(r.id()) && who.actor().isBureauStaff()) {
                    assertThat(maySee).as("the queue is within what one sees: " + pair).isTrue();
                    assertThat(r.decidingBureau()).as(pair).isEqualTo(who.actor().bureauCode());
                    assertThat(r.possibleNow(today)).as("the queue holds what waits: " + pair)
                            .contains(ReportAction.DECIDE);
                }
                boolean informedHere = who.actor().isBureauStaff() && r.caseNumber() != null
                        && who.actor().bureauCode().equals(r.informedBureau());
                assertThat(informed.contains(r.id())).as("副知 list: " + pair).isEqualTo(informedHere);
                if (informedHere) {
                    assertThat(allowed).as("the informed bureau reads, never decides: " + pair)
                            .doesNotContain(ReportAction.DECIDE, ReportAction.CANCEL);
                }
                if (r.possibleNow(today).contains(ReportAction.EDIT)) {
                    assertThat(asApplicant.contains(r.id())).as("the applicant's lists = who may edit: " + pair)
                            .isEqualTo(allowed.contains(ReportAction.EDIT));
                }
                if (asApplicant.contains(r.id())) {
                    assertThat(maySee).as("the applicant's lists are within what one sees: " + pair).isTrue();
                }
                seen += maySee ? 1 : 0;
            }
        }
        // the draw covered both answers
        assertThat(seen).isGreaterThan(REPORTS);
        assertThat(decidable).isGreaterThan(5);
    }

    @Test
    void theSearchThePagesUseShowsExactlyWhatMaySeeAllows() {
        for (ReportPolicy.Who who : actors) {
            for (long practitioner : generated.stream().map(SupportReport::practitionerId).distinct().toList()) {
                String nationalId = jdbc.sql("select national_id from practitioner where id = ?").param(practitioner)
                        .query(String.class).single();
                Set<Long> found = new HashSet<>();
                for (int page = 0; ; page++) {
                    var result = reports.search(who.actor(), new ReportQuery(NationalId.parse(nationalId), null,
                            Set.of(), null, null, null, false, ReportQuery.Sort.CREATED_AT, true, page, 100));
                    result.items().forEach(s -> found.add(s.id()));
                    if (result.items().size() < 100) {
                        break;
                    }
                }
                Set<Long> expected = new HashSet<>();
                generated.stream().filter(r -> r.practitionerId() == practitioner)
                        .filter(r -> ReportPolicy.maySee(who, r.routing())).forEach(r -> expected.add(r.id()));
                Set<Long> mine = new HashSet<>(found);
                mine.retainAll(generated.stream().map(SupportReport::id).toList());
                assertThat(mine).as(who.actor() + " searching " + nationalId).isEqualTo(expected);
            }
        }
    }

    private static ReportPolicy.Scope withQueued(ReportPolicy.Scope scope) {
        return new ReportPolicy.Scope(List.of(scope.where() + " and r.queued_at is not null"), scope.params());
    }

    private long personId(String nationalId) {
        return jdbc.sql("select id from practitioner where national_id = ?").param(nationalId).query(Long.class)
                .single();
    }

    /** One report row as the aggregate would have stored it in that state, with its revisions and a history. */
    private long insert(Random random, long practitioner, String home, String supported, Jurisdiction j,
            ReportStatus status, String change, String filer) {
        LocalDate start = today.plusDays(random.nextInt(40) - 30);
        LocalDate end = start.plusDays(10 + random.nextInt(60));
        LocalDate cancelledFrom = status == ReportStatus.CANCELLED ? start.plusDays(5) : null;
        boolean filed = status != ReportStatus.DRAFT;
        boolean waiting = status == ReportStatus.SUBMITTED || "SUBMITTED".equals(change);
        Instant now = Instant.now();
        String consent = status == ReportStatus.SUBMITTED || status == ReportStatus.RETURNED
                ? List.of("NONE", "REQUESTED", "AGREED", "DECLINED").get(random.nextInt(4)) : "NONE";
        LocalDate effectiveEnd = Lifecycle.effectiveEnd(end, cancelledFrom);
        long id = jdbc.sql("""
                insert into support_report (case_number, approval_number, status, practitioner_id, home_institution,
                  supported_institution, deciding_bureau, informed_bureau, category, filed_by, acting_for,
                  in_force_revision, pending_revision, period_start, period_end, effective_end, cancelled_from,
                  queued_at, submitted_at, created_at, updated_at, version, consent_state)
                values (?, null, ?, ?, ?, ?, ?, ?, 'REGULAR', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                returning id""")
                .params(filed ? "測" + System.nanoTime() : null, status.name(), practitioner, home, supported,
                        j.deciding(), j.informed(), filer, filer.startsWith("institution:") ? home : null,
                        change.isEmpty() ? null : 2, start, end,
                        change.isEmpty() ? effectiveEnd : Lifecycle.holdsUntil(effectiveEnd, end.plusDays(7)),
                        cancelledFrom, waiting ? now.atOffset(ZoneOffset.UTC) : null,
                        filed ? now.atOffset(ZoneOffset.UTC) : null, now.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC), consent)
                .query(Long.class).single();
        String inForceState = switch (status) {
            case CANCELLED -> "APPROVED";
            default -> status.name();
        };
        revision(id, 1, inForceState, start, end);
        if (!change.isEmpty()) {
            revision(id, 2, change, start, end.plusDays(7));
        }
        jdbc.sql("""
                insert into report_transition (report_id, action, from_status, to_status, revision_no, actor, at)
                values (?, 'CREATE', null, 'DRAFT', 1, ?, ?)""").params(id, filer, now.atOffset(ZoneOffset.UTC))
                .update();
        if (waiting) {
            // sometimes someone other than the filer sent what waits
            String sender = random.nextBoolean() ? filer : "staff:sender";
            jdbc.sql("""
                    insert into report_transition (report_id, action, from_status, to_status, revision_no, actor, at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, change.isEmpty() ? "SUBMIT" : "REQUEST_CHANGE", change.isEmpty() ? "DRAFT" : "APPROVED",
                            change.isEmpty() ? "SUBMITTED" : "APPROVED", change.isEmpty() ? 1 : 2, sender,
                            now.atOffset(ZoneOffset.UTC))
                    .update();
        }
        return id;
    }

    private void revision(long id, int number, String state, LocalDate start, LocalDate end) {
        jdbc.sql("""
                insert into report_revision (report_id, revision_no, state, department_code, content, period_start,
                  period_end, schedule, created_at)
                values (?, ?, ?, '02', '門診', ?, ?, cast(? as jsonb), now())""")
                .params(id, number, state, start, end, "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"12:00\"}],\"dated\":[]}")
                .update();
    }
}
