package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * Every route the application serves, taken from its request mappings (so a route added without an entry here fails
 * this test), asked by every role about a record of their own and about someone else's, with the outcome asserted:
 * passed the gate, sent to sign in, refused (403), or not there for them (404). Commands are sent to records made
 * for that one request, so what one cell changes never decides another.
 */
@IntegrationTest
class AccessMatrixTest {

    /** Who asks. */
    enum Role {
        ANONYMOUS, PRACTITIONER, INSTITUTION, REVIEWER, BUREAU_ADMIN, NATIONAL_VIEWER, SYSTEM_ADMIN
    }

    /** About what: a record of theirs, someone else's, or a route that names no record. */
    enum Whose {
        OWN, FOREIGN, NONE
    }

    /** What came of it. */
    enum Gate {
        /** reached the feature: whatever it answered (200, 302 onwards, 400, 409, 422...), access was not the issue */
        OPEN,
        /** 401 from the API, or a page sending the browser to sign in */
        SIGN_IN,
        /** 403 */
        REFUSED,
        /** 404: the record does not exist for them */
        HIDDEN
    }

    private static final Set<Role> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Role.ANONYMOUS));
    private static final Set<Role> APPLICANTS = EnumSet.of(Role.PRACTITIONER, Role.INSTITUTION);
    private static final Set<Role> BUREAU = EnumSet.of(Role.REVIEWER, Role.BUREAU_ADMIN);
    private static final Set<Role> READERS = EnumSet.of(Role.PRACTITIONER, Role.INSTITUTION, Role.REVIEWER,
            Role.BUREAU_ADMIN, Role.NATIONAL_VIEWER);

    /** The expected gate of one route for each role and whose record. */
    interface Rule extends Function<Role, Map<Whose, Gate>> {
    }

    private static Rule anyone() {
        return role -> Map.of(Whose.NONE, Gate.OPEN);
    }

    private static Rule signedIn() {
        return only(SIGNED_IN);
    }

    private static Rule only(Set<Role> roles) {
        return role -> Map.of(Whose.NONE, role == Role.ANONYMOUS ? Gate.SIGN_IN
                : roles.contains(role) ? Gate.OPEN : Gate.REFUSED);
    }

    /**
     * A report: those who may {@code act} pass with their own; those who see it but may not act are refused; a
     * report not theirs does not exist for them, except for the national viewer, who sees every report.
     */
    private static Rule report(Set<Role> act) {
        return role -> {
            if (role == Role.ANONYMOUS) {
                return Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN);
            }
            Gate own = !READERS.contains(role) ? Gate.HIDDEN : act.contains(role) ? Gate.OPEN : Gate.REFUSED;
            Gate foreign = role == Role.NATIONAL_VIEWER ? own : Gate.HIDDEN;
            return Map.of(Whose.OWN, own, Whose.FOREIGN, foreign);
        };
    }


    /** Sign-in steps asked for with no sign-in under way send the browser back to the start, whoever asks. */
    private static Rule noAttempt() {
        return role -> Map.of(Whose.NONE, Gate.SIGN_IN);
    }

    /** Filing (the wizard, editing): only those who file are let in at all, and only to their own. */
    private static Rule filing() {
        return role -> switch (role) {
            case ANONYMOUS -> Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN);
            case PRACTITIONER, INSTITUTION -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.HIDDEN);
            default -> Map.of(Whose.OWN, Gate.REFUSED, Whose.FOREIGN, Gate.REFUSED);
        };
    }

    /** A bureau's own staff account: its administrator and the system administrator manage it. */
    private static Rule staffAccount() {
        return role -> switch (role) {
            case ANONYMOUS -> Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN);
            case BUREAU_ADMIN -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.REFUSED);
            case SYSTEM_ADMIN -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.OPEN);
            default -> Map.of(Whose.OWN, Gate.REFUSED, Whose.FOREIGN, Gate.REFUSED);
        };
    }

    /** A bureau's announcement: another bureau's is not there for its administrator. */
    private static Rule announcement() {
        return role -> switch (role) {
            case ANONYMOUS -> Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN);
            case BUREAU_ADMIN -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.HIDDEN);
            case SYSTEM_ADMIN -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.OPEN);
            default -> Map.of(Whose.OWN, Gate.REFUSED, Whose.FOREIGN, Gate.REFUSED);
        };
    }

    private static final Set<Role> STAFF = EnumSet.of(Role.REVIEWER, Role.BUREAU_ADMIN, Role.NATIONAL_VIEWER,
            Role.SYSTEM_ADMIN);
    private static final Set<Role> ADMINISTRATORS = EnumSet.of(Role.BUREAU_ADMIN, Role.SYSTEM_ADMIN);
    private static final Set<Role> DISCLOSERS = EnumSet.of(Role.REVIEWER, Role.BUREAU_ADMIN, Role.NATIONAL_VIEWER);
    private static final Set<Role> CANCELLERS = EnumSet.of(Role.PRACTITIONER, Role.INSTITUTION, Role.REVIEWER,
            Role.BUREAU_ADMIN);

    /** Every route, as "METHOD pattern". */
    private static final Map<String, Rule> ROUTES = new TreeMap<>();

    static {
        // signing in, help, the printout's public check, the error page
        for (String route : List.of("GET /login", "GET /staff/login", "POST /login/sms", "POST /login/sms/verify",
                "GET /login/nhi/return", "POST /login/nhi-card/challenge", "POST /login/nhi-card",
                "POST /login/hca/challenge", "POST /staff/login/hca/challenge", "POST /login/hca",
                "POST /staff/login/hca", "POST /staff/login/password", "GET /help", "GET /verify/{token}",
                "GET /error",
                // the test environment's simulators (production does not start with them)
                "GET /nhi-simulator/verify", "POST /nhi-simulator/verify", "GET /test-environment",
                "POST /test-environment/reader", "GET /test-environment/sms-outbox",
                "GET /test-environment/mail-outbox",
                // the OpenAPI document and its viewer
                "GET /v3/api-docs", "GET /v3/api-docs.yaml", "GET /v3/api-docs/swagger-config",
                "GET /swagger-ui.html")) {
            ROUTES.put(route, anyone());
        }
        ROUTES.put("GET /staff/first-sign-in", noAttempt());
        ROUTES.put("POST /staff/first-sign-in", noAttempt());
        for (String route : List.of("GET /account", "POST /sign-out", "POST /sign-out-everywhere",
                "GET /api/v1/session", "GET /", "GET /reports/export.csv", "GET /reports/export.xlsx",
                "GET /api/v1/reports")) {
            ROUTES.put(route, signedIn());
        }
        ROUTES.put("POST /account/password", only(STAFF));
        ROUTES.put("GET /account/notifications", only(APPLICANTS));
        ROUTES.put("POST /account/notifications", only(APPLICANTS));
        ROUTES.put("GET /reports/new", only(APPLICANTS));
        ROUTES.put("POST /api/v1/reports", only(APPLICANTS));
        ROUTES.put("POST /api/v1/submissions", only(APPLICANTS));
        ROUTES.put("GET /review", only(BUREAU));
        ROUTES.put("GET /review/informed", only(BUREAU));
        // counts only, no person in them: the system administrator watches the service as a whole
        ROUTES.put("GET /statistics", only(STAFF));
        ROUTES.put("GET /statistics.csv", only(STAFF));
        for (String route : List.of("GET /admin/staff", "POST /admin/staff", "GET /api/v1/staff",
                "POST /api/v1/staff", "GET /admin/announcements", "POST /admin/announcements")) {
            ROUTES.put(route, only(ADMINISTRATORS));
        }
        for (String route : List.of("GET /admin/rules", "POST /admin/rules", "GET /admin/audit",
                "POST /admin/audit/verification", "GET /api/v1/audit/verification", "GET /admin/notifications",
                "POST /admin/notifications/{id}/retry")) {
            ROUTES.put(route, only(EnumSet.of(Role.SYSTEM_ADMIN)));
        }
        // a report, by what it takes
        for (String route : List.of("GET /api/v1/reports/{id}", "GET /reports/{id}",
                "GET /api/v1/reports/{id}/revisions", "GET /reports/{id}/print/application.pdf",
                // not approved yet: those who may read it are told so (409), the rest learn nothing
                "GET /reports/{id}/print/approval.pdf",
                "GET /reports/{id}/attachments/{attachmentId}", "GET /api/v1/practitioners/{nationalId}/week")) {
            ROUTES.put(route, report(READERS));
        }
        ROUTES.put("GET /api/v1/reports/{id}/national-id", report(DISCLOSERS));
        // FHIR R4 (fhir): the CapabilityStatement is open; a search answers within the caller's scope (an empty
        // Bundle for those who see nothing); a read names an approved report's role, person or place, and the
        // matrix's reports are filed, not approved: not there for anyone, whoever may read them in the JSON API
        ROUTES.put("GET /fhir/r4/metadata", anyone());
        ROUTES.put("GET /fhir/r4/PractitionerRole", signedIn());
        for (String route : List.of("GET /fhir/r4/PractitionerRole/{id}", "GET /fhir/r4/Practitioner/{id}",
                "GET /fhir/r4/Organization/{id}", "GET /fhir/r4/**")) {
            ROUTES.put(route, notApproved());
        }
        ROUTES.put("POST /reports/{id}/national-id", report(DISCLOSERS));
        for (String route : List.of("PUT /api/v1/reports/{id}", "POST /api/v1/reports/{id}/submit",
                "POST /reports/{id}/submit", "POST /api/v1/reports/{id}/withdraw", "POST /reports/{id}/withdraw",
                "POST /api/v1/reports/{id}/changes", "POST /reports/{id}/consent/request",
                "POST /reports/{id}/attachments", "POST /reports/{id}/attachments/{attachmentId}/remove")) {
            ROUTES.put(route, report(APPLICANTS));
        }
        ROUTES.put("POST /api/v1/reports/{id}/cancel", report(CANCELLERS));
        ROUTES.put("POST /reports/{id}/cancel", report(CANCELLERS));
        ROUTES.put("POST /api/v1/reports/{id}/decisions", report(BUREAU));
        ROUTES.put("POST /reports/{id}/decision", report(BUREAU));
        // only the supported institution answers a consent request; the home institution's clerk is refused
        ROUTES.put("POST /reports/{id}/consent", report(EnumSet.noneOf(Role.class)));
        ROUTES.put("GET /reports/{id}/edit", filing());
        ROUTES.put("GET /reports/file/{wizard}/{step}", filing());
        for (int step = 1; step <= 5; step++) {
            ROUTES.put("POST /reports/file/{wizard}/" + step, filing());
        }
        for (String route : List.of("POST /api/v1/staff/{username}/national-id",
                "POST /api/v1/staff/{username}/reset", "POST /api/v1/staff/{username}/disable",
                "POST /admin/staff/{username}/national-id", "POST /admin/staff/{username}/reset",
                "POST /admin/staff/{username}/disable")) {
            ROUTES.put(route, staffAccount());
        }
        ROUTES.put("POST /admin/announcements/{id}/withdraw", announcement());
        // 批次報備: institution clerks only, each institution its own batches
        for (String route : List.of("GET /batches", "GET /batches/template.xlsx", "POST /batches")) {
            ROUTES.put(route, only(EnumSet.of(Role.INSTITUTION)));
        }
        for (String route : List.of("GET /batches/{id}", "GET /batches/{id}/progress", "POST /batches/{id}/file",
                "GET /batches/{id}/result.xlsx")) {
            ROUTES.put(route, batch());
        }
        // API clients: an institution's clerk manages its own; a system administrator the insurer's
        for (String route : List.of("GET /api-clients", "POST /api-clients")) {
            ROUTES.put(route, only(EnumSet.of(Role.INSTITUTION, Role.SYSTEM_ADMIN)));
        }
        for (String route : List.of("POST /api-clients/{id}/rotate", "POST /api-clients/{id}/revoke")) {
            ROUTES.put(route, apiClient());
        }
    }

    /** A FHIR read of what is not approved (or not there): not found for everyone signed in. */
    private static Rule notApproved() {
        return role -> role == Role.ANONYMOUS ? Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN)
                : Map.of(Whose.OWN, Gate.HIDDEN, Whose.FOREIGN, Gate.HIDDEN);
    }

    /**
     * An institution's API client: its clerk's alone; another institution's does not exist for a clerk, nor an
     * institution's for the system administrator, who manages only the insurer's.
     */
    private static Rule apiClient() {
        return role -> switch (role) {
            case ANONYMOUS -> Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN);
            case INSTITUTION -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.HIDDEN);
            case SYSTEM_ADMIN -> Map.of(Whose.OWN, Gate.HIDDEN, Whose.FOREIGN, Gate.HIDDEN);
            default -> Map.of(Whose.OWN, Gate.REFUSED, Whose.FOREIGN, Gate.REFUSED);
        };
    }

    /** An institution's batch: its clerk's alone; another institution's does not exist for a clerk. */
    private static Rule batch() {
        return role -> switch (role) {
            case ANONYMOUS -> Map.of(Whose.OWN, Gate.SIGN_IN, Whose.FOREIGN, Gate.SIGN_IN);
            case INSTITUTION -> Map.of(Whose.OWN, Gate.OPEN, Whose.FOREIGN, Gate.HIDDEN);
            default -> Map.of(Whose.OWN, Gate.REFUSED, Whose.FOREIGN, Gate.REFUSED);
        };
    }

    @Autowired SignIns signIns;
    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired StaffAccounts staff;
    @Autowired tw.gov.mohw.support.report.Printouts printouts;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Every route the application maps, as "METHOD pattern" (a mapping without methods counts as GET). */
    private Set<String> mapped() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(m.name() + " " + pattern);
                }
            }
        });
        return routes;
    }

    @Test
    void everyRouteHasAnEntry() {
        assertThat(mapped()).as("a route without an entry in AccessMatrixTest.ROUTES")
                .isSubsetOf(ROUTES.keySet());
        assertThat(ROUTES.keySet()).as("entries for routes that no longer exist").isSubsetOf(mapped());
    }

    // --- the world the questions are asked in --------------------------------------------------------------------

    private static final String HOME_COUNTY = "10002";
    private static final String SUPPORTED_COUNTY = "10015";
    private static final String OTHER_COUNTY = "63000";

    private String home;
    private String supported;
    private String person;
    private long shared;
    private long sharedAttachment;
    private long foreign;
    private long foreignAttachment;
    private String foreignPerson;
    private int serial;

    private String actor(Role role) {
        return switch (role) {
            case ANONYMOUS -> null;
            case PRACTITIONER -> "practitioner:" + person;
            case INSTITUTION -> "institution:" + home;
            case REVIEWER -> "reviewer:" + HOME_COUNTY + ":matrix-reviewer";
            case BUREAU_ADMIN -> "bureau-admin:" + HOME_COUNTY + ":matrix-admin";
            case NATIONAL_VIEWER -> "national-viewer:matrix-viewer";
            case SYSTEM_ADMIN -> "system-admin:matrix-ops";
        };
    }

    /** A submitted report of a new person of {@code at}, filed by its clerk; returns its id. */
    private long submitted(String at, String supportedAt, String who) {
        var start = fixtures.today().plusDays(20 + serial++ % 300);
        var answer = api.post("institution:" + at, "/api/v1/submissions", Api.report(who, supportedAt,
                start.toString(), start.plusMonths(1).toString(), "SUNDAY", "22:00", "02:00"),
                Map.of("Idempotency-Key", "matrix-" + System.nanoTime()));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    private long attach(long report, String clerk) {
        var answer = multipart(signIns.session("institution:" + clerk), "/reports/" + report + "/attachments", pdf());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        return jdbc.sql("select max(id) from report_attachment where report_id = ?").param(report)
                .query(Long.class).single();
    }

    private void world() {
        home = fixtures.institution(HOME_COUNTY);
        supported = fixtures.institution(SUPPORTED_COUNTY);
        person = fixtures.practitioner(home);
        shared = submitted(home, supported, person);
        sharedAttachment = attach(shared, home);
        String foreignHome = fixtures.institution(OTHER_COUNTY);
        foreignPerson = fixtures.practitioner(foreignHome);
        foreign = submitted(foreignHome, fixtures.institution(OTHER_COUNTY), foreignPerson);
        foreignAttachment = attach(foreign, foreignHome);
        foreignWizard = startWizard("institution:" + foreignHome);
        batch = newBatch(home);
        foreignBatch = newBatch(foreignHome);
        apiClient = newApiClient(home);
        foreignApiClient = newApiClient(foreignHome);
        verificationToken = printouts.token(shared, null);
        // a message the provider gave up on, for the system administrator to send again
        notification = jdbc.sql("""
                insert into notification (event_key, recipient, channel, address, body, report_id, status, attempts,
                    next_attempt_at, created_at, last_error)
                values (?, ?, 'SMS', '0911000000', 'matrix', ?, 'FAILED', 5, now(), now(), 'unreachable')
                returning id""").params("matrix:" + shared, "practitioner:" + person, shared)
                .query(Long.class).single();
    }

    private long batch;
    private long foreignBatch;

    /** A batch already done: a command on it is answered (409, told on its page) without changing anything. */
    private long newBatch(String institution) {
        String csv = "身分證統一編號,支援機構代碼,支援類別,科別,支援內容,支援起日,支援迄日,每週時段,指定日期時段\n"
                + "A123456789,0101090517,一般支援,01 家醫科,門診,1160105,1160130,週二 09:00-12:00,\n";
        return jdbc.sql("""
                insert into batch (institution_code, account, file_name, format, content, state, rows_total,
                    rows_checked, created_at, updated_at)
                values (?, ?, 'matrix.csv', 'CSV_UTF8', ?, 'DONE', 1, 1, now(), now()) returning id""")
                .params(institution, "institution:" + institution, csv.getBytes(StandardCharsets.UTF_8))
                .query(Long.class).single();
    }

    private long apiClient;
    private long foreignApiClient;

    private long newApiClient(String institution) {
        return jdbc.sql("""
                insert into api_client (client_id, kind, institution_code, name, scopes, secret_hash, secret_set_at,
                    per_minute, created_by, created_at)
                values (?, 'INSTITUTION', ?, 'matrix', 'reports.read', '{noop}x', now(), 60, 'matrix', now())
                returning id""").params("cli_matrix_" + System.nanoTime(), institution).query(Long.class).single();
    }

    // --- asking -----------------------------------------------------------------------------------------------

    @Test
    void everyRoleGetsWhatThePolicySaysOnEveryRoute() {
        world();
        List<String> wrong = new ArrayList<>();
        Map<String, Map<Role, Map<Whose, Gate>>> seen = new TreeMap<>();
        for (var entry : ROUTES.entrySet()) {
            for (Role role : Role.values()) {
                Map<Whose, Gate> expected = entry.getValue().apply(role);
                for (var cell : expected.entrySet()) {
                    Gate gate = ask(entry.getKey(), role, cell.getKey());
                    seen.computeIfAbsent(entry.getKey(), k -> new EnumMap<>(Role.class))
                            .computeIfAbsent(role, k -> new EnumMap<>(Whose.class)).put(cell.getKey(), gate);
                    if (gate != cell.getValue()) {
                        wrong.add(entry.getKey() + " as " + role + " (" + cell.getKey() + "): expected "
                                + cell.getValue() + ", got " + gate + " — " + last);
                    }
                }
            }
        }
        assertThat(wrong).as("cells that differ from the policy").isEmpty();
        // and the matrix is a matrix: every route asked by every role, every outcome seen somewhere
        assertThat(seen).hasSameSizeAs(ROUTES);
        assertThat(seen.values()).allSatisfy(byRole -> assertThat(byRole).hasSize(Role.values().length));
        assertThat(seen.values().stream().flatMap(byRole -> byRole.values().stream())
                .flatMap(byWhose -> byWhose.values().stream()).distinct()).containsExactlyInAnyOrder(Gate.values());
        long cells = seen.values().stream().flatMap(byRole -> byRole.values().stream()).mapToLong(Map::size).sum();
        System.out.println("Access matrix: " + ROUTES.size() + " routes, " + cells + " cells");
    }

    private Gate ask(String route, Role role, Whose whose) {
        String method = route.substring(0, route.indexOf(' '));
        String pattern = route.substring(route.indexOf(' ') + 1);
        boolean command = !method.equals("GET");
        long report = whose == Whose.FOREIGN ? foreign : shared;
        long attachment = whose == Whose.FOREIGN ? foreignAttachment : sharedAttachment;
        String actor = actor(role);
        if (command && pattern.contains("{id}") && !pattern.startsWith("/admin/") && !pattern.startsWith("/batches/")
                && !pattern.startsWith("/api-clients/") && whose == Whose.OWN) {
            // a command changes the report: each cell gets one of its own
            String who = fixtures.practitioner(home);
            report = submitted(home, supported, who);
            attachment = attach(report, home);
            if (role == Role.PRACTITIONER) {
                actor = "practitioner:" + who;
            }
        }
        String path = pattern.replace("{attachmentId}", Long.toString(attachment))
                .replace("{nationalId}", whose == Whose.FOREIGN ? foreignPerson : person)
                .replace("{token}", verificationToken)
                .replace("{step}", "1");
        if (pattern.startsWith("/admin/announcements/")) {
            path = path.replace("{id}", Long.toString(newAnnouncement(whose == Whose.FOREIGN ? OTHER_COUNTY
                    : HOME_COUNTY)));
        } else if (pattern.startsWith("/api-clients/")) {
            // a command changes the client (revoked, a new secret): each cell gets one of its own
            path = path.replace("{id}", Long.toString(whose == Whose.FOREIGN ? foreignApiClient
                    : command ? newApiClient(home) : apiClient));
        } else if (pattern.startsWith("/batches/")) {
            path = path.replace("{id}", Long.toString(whose == Whose.FOREIGN ? foreignBatch : batch));
        } else if (pattern.startsWith("/fhir/r4/Practitioner/")) {
            // a Practitioner's id is the registry's, not a report's: one no person has
            path = path.replace("{id}", "0");
        } else if (pattern.startsWith("/admin/notifications/")) {
            path = path.replace("{id}", Long.toString(notification));
        } else {
            path = path.replace("{id}", Long.toString(report));
        }
        if (path.contains("{username}")) {
            path = path.replace("{username}", newStaffAccount(whose == Whose.FOREIGN ? OTHER_COUNTY : HOME_COUNTY));
        }
        if (path.contains("{wizard}")) {
            path = path.replace("{wizard}", whose == Whose.FOREIGN ? foreignWizard : wizard(actor));
        }
        SignIns.Session session;
        if (actor == null) {
            session = signIns.anonymous();
        } else if (route.startsWith("POST /sign-out")) {
            // signing out ends the session (or all of the account's): a session of its own, so the others carry on
            signIns.forget(actor);
            session = signIns.session(actor);
            signIns.forget(actor);
        } else {
            session = signIns.session(actor);
        }
        HttpResponse<String> answer = pattern.equals("/reports/{id}/attachments")
                ? multipart(session, path, pdf())
                : send(session, method, path, body(route));
        String location = answer.headers().firstValue("Location").orElse("");
        last = answer.statusCode() + " " + location + " "
                + answer.body().substring(0, Math.min(160, answer.body().length())).replaceAll("\\s+", " ");
        boolean signingIn = pattern.startsWith("/login/") || pattern.startsWith("/staff/login/");
        return switch (answer.statusCode()) {
            // a sign-in step that fails says so with 401: that is its answer, not a gate
            case 401 -> signingIn ? Gate.OPEN : Gate.SIGN_IN;
            case 403 -> Gate.REFUSED;
            case 404 -> Gate.HIDDEN;
            case 302 -> location.endsWith("/login") || location.endsWith("/staff/login") ? Gate.SIGN_IN
                    // a filing that is not in this session: start a new one
                    : location.endsWith("/reports/new") ? Gate.HIDDEN : Gate.OPEN;
            default -> Gate.OPEN;
        };
    }

    /** What each command is sent: well-formed, so that what answers is the gate and not the parser. */
    private Object body(String route) {
        String from = fixtures.today().plusDays(400).toString();
        Map<String, Object> particulars = Map.of("department", "02", "content", "支援內科門診",
                "period", Map.of("start", from, "end", fixtures.today().plusDays(430).toString()),
                "schedule", Map.of("weekly", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00"))),
                "reason", "矩陣測試");
        return switch (route) {
            case "POST /api/v1/reports", "POST /api/v1/submissions" -> Api.report(person, supported, from,
                    fixtures.today().plusDays(430).toString(), "MONDAY", "09:00", "12:00");
            case "PUT /api/v1/reports/{id}", "POST /api/v1/reports/{id}/changes" -> particulars;
            case "POST /api/v1/reports/{id}/cancel" -> Map.of("from", fixtures.today().plusDays(25).toString(),
                    "reason", "矩陣測試");
            case "POST /api/v1/reports/{id}/decisions" -> Map.of("decision", "APPROVE");
            case "POST /api/v1/reports/{id}/withdraw" -> Map.of("reason", "矩陣測試");
            case "POST /api/v1/staff" -> Map.of("username", "matrix-made-" + serial++, "role", "REVIEWER",
                    "bureauCode", HOME_COUNTY, "displayName", "矩陣", "nationalId", nextStaffId());
            case "POST /api/v1/staff/{username}/national-id" -> Map.of("nationalId", nextStaffId());
            case "POST /reports/{id}/decision" -> "decision=APPROVE";
            case "POST /reports/{id}/cancel" -> "from=" + fixtures.today().plusDays(25) + "&reason=matrix";
            case "POST /reports/{id}/withdraw" -> "reason=matrix";
            case "POST /reports/{id}/consent" -> "answer=agree";
            case "POST /admin/staff" -> "username=matrix-made-" + serial++ + "&role=REVIEWER&bureauCode=" + HOME_COUNTY
                    + "&displayName=matrix&nationalId=" + nextStaffId();
            case "POST /admin/staff/{username}/national-id" -> "nationalId=" + nextStaffId();
            case "POST /admin/announcements" -> "title=matrix&body=matrix&shownFrom=" + fixtures.today()
                    + "&shownUntil=" + fixtures.today().plusDays(1) + "&bureauCode=" + HOME_COUNTY;
            default -> route.startsWith("GET ") ? null : route.contains("/api/") || route.contains("/login/")
                    || route.startsWith("POST /staff/login/hca") ? Map.of() : "";
        };
    }

    private HttpResponse<String> send(SignIns.Session session, String method, String path, Object body) {
        boolean api = path.startsWith("/api/");
        var request = HttpRequest.newBuilder(URI.create(signIns.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", api ? "application/json" : "text/html");
        if (!session.cookies().isEmpty()) {
            request.header("Cookie", session.cookies());
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("X-CSRF-TOKEN", session.csrf()).header("Idempotency-Key", "matrix-" + System.nanoTime());
            if (body instanceof String form) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(form));
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String last;
    private String verificationToken;
    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

    /** A national ID no fixture or synthetic person has (Q8, as the tests' staff). */
    private String nextStaffId() {
        return tw.gov.mohw.support.registry.NationalId.generate('Q', '8', 2_000_000 + serial++).value();
    }

    private static byte[] pdf() {
        var out = new ByteArrayOutputStream();
        try (var pdf = new PDDocument()) {
            pdf.addPage(new PDPage());
            pdf.save(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
    private long notification;
    private String foreignWizard;

    /** A filing in progress, as the actor's own session keeps it (none for those who may not file). */
    private String wizard(String actor) {
        if (actor == null || !(actor.startsWith("practitioner:") || actor.startsWith("institution:"))) {
            return foreignWizard;
        }
        return startWizard(actor);
    }

    private String startWizard(String actor) {
        var started = signIns.call(signIns.session(actor), "GET", "/reports/new", null);
        String location = started.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/reports/file/") + 14, location.lastIndexOf('/'));
    }

    private long newAnnouncement(String county) {
        return jdbc.sql("""
                insert into announcement (title, body, shown_from, shown_until, bureau_code, created_by, created_at)
                values ('矩陣', '測試', current_date, current_date + 1, ?, 'test', now()) returning id""")
                .param(county).query(Long.class).single();
    }

    private String newStaffAccount(String county) {
        String username = "matrix-" + county + "-" + serial++;
        staff.createKnown(new StaffAccounts.NewAccount(username, tw.gov.mohw.support.shared.Actor.Role.REVIEWER,
                county, "矩陣 " + username, nextStaffId()), "Matrix-Staff-2026", new byte[20]);
        return username;
    }

    private HttpResponse<String> multipart(SignIns.Session session, String path, byte[] pdf) {
        return signIns.upload(session, path, "a.pdf", "application/pdf", pdf);
    }
}
