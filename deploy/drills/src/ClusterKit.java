// The local cluster's helper and the drills' client (deploy/local-cluster, deploy/drills/*). Compiled and run on the
// unpacked application jar's classes (the test HCA, NationalId, the PostgreSQL JDBC driver):
//   hca <dir>                 the test HCA kept in <dir>: root.pem, issuing.pem, hca.crl, nhi.pem (for the nodes)
//   crl <dir>                 a fresh hca.crl
//   load [options]            signs a clerk in with their HOP card, then submission (or read) load with N clients
//   check --db .. --run ID --acked FILE   acknowledged keys vs. rows
// It talks to 127.0.0.1 only; every loop is bounded by time.
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.testenv.TestHca;

public class ClusterKit {

    static final String HOME = "9900000001";
    static final int SUPPORTED = 20; // 9900000002 .. 9900000021

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> opt = options(args, 1);
        switch (args[0]) {
            case "hca" -> hca(Path.of(args[1]), true);
            case "crl" -> hca(Path.of(args[1]), false);
            case "load" -> new Load(opt).run();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static Map<String, List<String>> options(String[] args, int from) {
        Map<String, List<String>> opt = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                opt.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(i + 1 < args.length ? args[++i] : "");
            }
        }
        return opt;
    }

    static String one(Map<String, List<String>> opt, String name, String otherwise) {
        List<String> v = opt.get(name);
        return v == null || v.isEmpty() ? otherwise : v.get(v.size() - 1);
    }

    // ---- the HCA's files ---------------------------------------------------------------------------------------------
    static void hca(Path dir, boolean all) throws Exception {
        Files.createDirectories(dir);
        TestHca hca = TestHca.loadOrCreate(dir, Clock.systemUTC());
        if (all) {
            Files.writeString(dir.resolve("root.pem"), pem(hca.root()));
            Files.writeString(dir.resolve("issuing.pem"), pem(hca.issuingCa()));
            Files.writeString(dir.resolve("nhi.pem"), "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder()
                    .encodeToString(TestHca.rsaKeys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        }
        Files.write(dir.resolve("hca.crl"), hca.crl().getEncoded());
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    // ---- the registers: the clerk's clinic, the clinics its staff support, the staff ----------------------------------
    static Connection db(Map<String, List<String>> opt) throws Exception {
        return DriverManager.getConnection(one(opt, "db", "jdbc:postgresql://127.0.0.1:27500/support"),
                one(opt, "db-user", "support"), one(opt, "db-password", "support-local-password"));
    }

    /** At least {@code n} people registered at the home clinic with no report yet; their national IDs. */
    static List<String> freshPeople(Map<String, List<String>> opt, int n) throws Exception {
        try (Connection c = db(opt)) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("lock table practitioner in share row exclusive mode");
                StringBuilder sql = new StringBuilder("insert into institution (code, name, type, county_code, address, status) values ('"
                        + HOME + "', '叢集診所', 'CLINIC', '63000', '測試路1號', 'OPEN')");
                for (int i = 2; i <= SUPPORTED + 1; i++) {
                    sql.append(String.format(", ('99%08d', '支援診所%d', 'CLINIC', '63000', '測試路%d號', 'OPEN')", i, i, i));
                }
                s.execute(sql + " on conflict do nothing");
            }
            List<String> ids = people(c, "not exists", n);
            if (ids.size() < n) {
                int have;
                try (var s = c.createStatement(); ResultSet r = s.executeQuery(
                        "select count(*) from practitioner where national_id like 'Q1%' and name = '叢集測試'")) {
                    r.next();
                    have = r.getInt(1);
                }
                int add = n - ids.size() + 2000;
                try (PreparedStatement p = c.prepareStatement("""
                        insert into practitioner (national_id, name, birth_date, profession_code, certificate_number)
                        values (?, '叢集測試', date '1980-01-01', 'A', ?)""")) {
                    for (int i = 0; i < add; i++) {
                        int serial = 5_000_000 + have + i;
                        p.setString(1, NationalId.generate('Q', '1', serial).value());
                        p.setString(2, "醫字第" + serial + "號");
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                try (var s = c.createStatement()) {
                    s.execute("""
                            insert into practice_registration (practitioner_id, institution_code, profession_code, status, valid_from)
                            select p.id, '%s', 'A', 'PRACTISING', date '2015-01-01' from practitioner p
                             where p.name = '叢集測試' and not exists (select 1 from practice_registration r where r.practitioner_id = p.id)"""
                            .formatted(HOME));
                }
                ids = people(c, "not exists", n);
            }
            c.commit();
            return ids;
        }
    }

    static List<String> people(Connection c, String exists, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("select national_id from practitioner p where name = '叢集測試' and "
                + exists + " (select 1 from support_report s where s.practitioner_id = p.id) order by id limit ?")) {
            p.setInt(1, n);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    // ---- load ----------------------------------------------------------------------------------------------------------
    record Attempt(long start, long end, int status, String servedBy, String key) {
    }

    record Event(double at, String label, String command) {
    }

    static final class Load {
        final Map<String, List<String>> opt;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();
        final String base;
        final String kind;
        final int clients;
        final int seconds;
        final String run;
        final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        final Set<String> acked = Collections.synchronizedSet(new HashSet<>());
        final Set<String> refused = Collections.synchronizedSet(new HashSet<>());
        final Set<String> abandoned = Collections.synchronizedSet(new HashSet<>());
        final Map<String, Long> eventTimes = Collections.synchronizedMap(new LinkedHashMap<>());
        long t0;
        Session session;

        Load(Map<String, List<String>> opt) {
            this.opt = opt;
            base = one(opt, "base", "http://127.0.0.1:27080");
            kind = one(opt, "kind", "submit");
            clients = Integer.parseInt(one(opt, "clients", "16"));
            seconds = Integer.parseInt(one(opt, "seconds", "30"));
            run = one(opt, "run", "drill-" + System.currentTimeMillis());
            for (String b : List.of(base, one(opt, "signin-base", base))) {
                String host = URI.create(b).getHost();
                if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                    throw new IllegalArgumentException("only 127.0.0.1: " + b);
                }
            }
        }

        void run() throws Exception {
            int expectRate = Integer.parseInt(one(opt, "max-rate-guess", "400"));
            List<String> people;
            if (kind.equals("submit")) {
                people = freshPeople(opt, Math.min(200_000, expectRate * seconds + 1000));
            } else {
                try (Connection c = db(opt)) {
                    people = people(c, "exists", 5000);
                }
                if (people.isEmpty()) {
                    throw new IllegalStateException("no reports to read yet: run a submission load first");
                }
            }
            Session session = signIn(one(opt, "signin-base", base));
            this.session = session;
            System.out.printf("signed in as %s through %s (served by %s)%n", session.account, one(opt, "signin-base", base),
                    session.servedBy);
            ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(people);
            List<Event> events = new ArrayList<>();
            for (String e : opt.getOrDefault("event", List.of())) {
                String[] f = e.split(":", 3);
                events.add(new Event(Double.parseDouble(f[0]), f[1], f[2]));
            }
            Map<String, long[]> cpu0 = cpu();
            t0 = System.nanoTime();
            long deadline = t0 + seconds * 1_000_000_000L;
            long hardStop = deadline + Long.parseLong(one(opt, "retry-grace", "45")) * 1_000_000_000L;
            Thread eventThread = new Thread(() -> runEvents(events), "events");
            eventThread.setDaemon(true);
            eventThread.start();
            CountDownLatch done = new CountDownLatch(clients);
            List<String> readList = List.copyOf(people);
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    try {
                        int i = client;
                        while (System.nanoTime() < deadline) {
                            if (kind.equals("submit")) {
                                String person = queue.poll();
                                if (person == null) {
                                    break;
                                }
                                submit(session, person, hardStop);
                            } else {
                                read(session, readList.get(i % readList.size()));
                                i += clients;
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }, "client-" + c);
                t.setDaemon(true);
                t.start();
            }
            done.await();
            long end = System.nanoTime();
            Map<String, long[]> cpu1 = cpu();
            eventThread.join(Math.max(1, (long) (events.stream().mapToDouble(Event::at).max().orElse(0) * 1000)
                    - (end - t0) / 1_000_000 + 60_000));
            report(end, cpu0, cpu1);
        }

        void runEvents(List<Event> events) {
            for (Event e : events) {
                long at = t0 + (long) (e.at() * 1e9);
                while (System.nanoTime() < at) {
                    try {
                        Thread.sleep(Math.max(1, (at - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException x) {
                        return;
                    }
                }
                long before = System.nanoTime();
                try {
                    Process p = new ProcessBuilder("bash", "-c", e.command()).redirectErrorStream(true).start();
                    // the moment of the event is when its command returns (a kill returns at once)
                    boolean finished = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
                    long now = System.nanoTime();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    if (!finished) {
                        p.destroyForcibly();
                    }
                    eventTimes.put(e.label(), e.command().startsWith("kill") ? before : now);
                    System.out.printf("event %-14s at %6.2f s (%s UTC): %s%s%n", e.label(), (now - t0) / 1e9,
                            java.time.LocalTime.now(java.time.ZoneOffset.UTC), e.command(),
                            out.isEmpty() ? "" : " -> " + out.replace('\n', ' '));
                } catch (Exception x) {
                    System.out.println("event " + e.label() + " failed: " + x);
                }
            }
        }

        void submit(Session s, String person, long hardStop) {
            String key = run + "-" + person;
            LocalDate start = LocalDate.of(2030, 1, 7);
            String body = """
                    {"practitioner":"%s","supportedInstitution":"99%08d","category":"REGULAR","department":"02",\
                    "content":"支援門診 (cluster drill)","period":{"start":"%s","end":"%s"},\
                    "schedule":{"weekly":[{"day":"MONDAY","start":"09:00","end":"12:00"}]}}"""
                    .formatted(person, 2 + Math.floorMod(person.hashCode(), SUPPORTED), start, start.plusMonths(3));
            while (true) {
                HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions"))
                        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                        .header("Accept", "application/json").header("Cookie", s.cookies)
                        .header("X-CSRF-TOKEN", s.csrf).header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                int status = send(r, key);
                if (status >= 200 && status < 300) {
                    acked.add(key);
                    return;
                }
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    refused.add(key);
                    return;
                }
                if (System.nanoTime() > hardStop) {
                    abandoned.add(key);
                    return;
                }
                sleep(100);
            }
        }

        void read(Session s, String person) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/reports?practitioner=" + person))
                    .timeout(Duration.ofSeconds(15)).header("Accept", "application/json").header("Cookie", s.cookies)
                    .GET().build();
            if (send(r, person) >= 500) {
                sleep(100);
            }
        }

        int send(HttpRequest r, String key) {
            long a = System.nanoTime();
            int status;
            String servedBy = "-";
            try {
                HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
                status = resp.statusCode();
                servedBy = resp.headers().firstValue("X-Served-By").orElse("direct");
                if (status >= 400 && status != 409 && errorsShown++ < 5) {
                    System.out.println("[" + status + "] " + resp.body().substring(0, Math.min(300, resp.body().length())));
                }
            } catch (IOException e) {
                status = 599;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 599;
            }
            attempts.add(new Attempt(a, System.nanoTime(), status, servedBy, key));
            return status;
        }

        volatile int errorsShown;

        static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        record Session(String cookies, String csrf, String account, String servedBy) {
        }

        /** The clinic's clerk signs in with the clinic's HOP card, as the login page does it. */
        Session signIn(String at) throws Exception {
            TestHca hca = TestHca.loadOrCreate(Path.of(one(opt, "hca", "target/local-cluster/hca")), Clock.systemUTC());
            var login = get(at + "/login", "");
            String csrf = find(login.body(), "name=\"csrf-token\" content=\"([^\"]+)\"");
            String cookies = cookies(login, "");
            var challenge = post(at + "/login/hca/challenge", "{}", cookies, csrf);
            if (challenge.statusCode() != 200) {
                throw new IllegalStateException("challenge " + challenge.statusCode() + " " + challenge.body());
            }
            cookies = cookies(challenge, cookies);
            String nonce = find(challenge.body(), "\"challenge\"\\s*:\\s*\"([^\"]+)\"");
            TestHca.SoftCard card = hca.issue(CardType.HOP, HOME, "叢集診所");
            String sig = Base64.getEncoder().encodeToString(card.sign(Base64.getDecoder().decode(nonce)));
            var signedIn = post(at + "/login/hca", "{\"signature\":\"" + sig + "\"}", cookies, csrf);
            if (signedIn.statusCode() != 200) {
                throw new IllegalStateException("sign-in " + signedIn.statusCode() + " " + signedIn.body());
            }
            String session = cookies(signedIn, "");
            var me = get(at + "/api/v1/session", session);
            return new Session(session, find(me.body(), "\"csrfToken\"\\s*:\\s*\"([^\"]+)\""),
                    find(me.body(), "\"account\"\\s*:\\s*\"([^\"]+)\""),
                    me.headers().firstValue("X-Served-By").orElse("direct"));
        }

        HttpResponse<String> get(String url, String cookies) throws Exception {
            var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET();
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String body, String cookies, String csrf) throws Exception {
            var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        // ---- figures ---------------------------------------------------------------------------------------------------
        void report(long end, Map<String, long[]> cpu0, Map<String, long[]> cpu1) throws Exception {
            List<Attempt> all;
            synchronized (attempts) {
                all = new ArrayList<>(attempts);
            }
            Map<String, String> out = new LinkedHashMap<>();
            double secs = (end - t0) / 1e9;
            long ok = all.stream().filter(a -> a.status() >= 200 && a.status() < 300).count();
            out.put("kind", kind);
            out.put("base", base);
            out.put("clients", Integer.toString(clients));
            out.put("seconds", f(secs));
            out.put("requests", Integer.toString(all.size()));
            out.put("ok_2xx", Long.toString(ok));
            out.put("ok_per_s", f(ok / secs));
            out.put("errors", Long.toString(all.size() - ok));
            out.put("statuses", statuses(all).toString().replace(" ", ""));
            out.put("served_by", servedBy(all).toString().replace(" ", ""));
            out.putAll(latency("", all));
            // CPU seconds of each process group over the run, per successful request
            for (var e : cpu1.entrySet()) {
                long[] a = cpu0.get(e.getKey());
                if (a != null) {
                    double d = (e.getValue()[0] - a[0]) / 100.0;
                    out.put("cpu_s_" + e.getKey(), f(d));
                    out.put("cpu_ms_per_req_" + e.getKey(), ok == 0 ? "-" : f(d * 1000 / ok));
                }
            }
            if (kind.equals("submit")) {
                out.put("keys", Integer.toString(acked.size() + refused.size() + abandoned.size()));
                out.put("acked", Integer.toString(acked.size()));
                out.put("refused_4xx", Integer.toString(refused.size()));
                out.put("abandoned_after_retries", Integer.toString(abandoned.size()));
                out.put("retried_keys", Long.toString(all.stream().collect(java.util.stream.Collectors.groupingBy(
                        Attempt::key, java.util.stream.Collectors.counting())).values().stream().filter(n -> n > 1).count()));
            }
            // each event: from it to the next (or the end)
            List<Map.Entry<String, Long>> evs = new ArrayList<>(eventTimes.entrySet());
            for (int i = 0; i < evs.size(); i++) {
                String label = evs.get(i).getKey();
                long te = evs.get(i).getValue();
                long tn = i + 1 < evs.size() ? evs.get(i + 1).getValue() : Long.MAX_VALUE;
                List<Attempt> win = all.stream().filter(a -> a.end() >= te && a.start() < tn).toList();
                long wok = win.stream().filter(a -> a.status() < 300).count();
                out.put(label + ".at_s", f((te - t0) / 1e9));
                out.put(label + ".requests", Integer.toString(win.size()));
                out.put(label + ".ok", Long.toString(wok));
                out.put(label + ".errors", Long.toString(win.size() - wok));
                out.put(label + ".success_rate", win.isEmpty() ? "-" : f(100.0 * wok / win.size()) + "%");
                out.put(label + ".statuses", statuses(win).toString().replace(" ", ""));
                out.put(label + ".served_by", servedBy(win.stream().filter(a -> a.status() < 300).toList()).toString().replace(" ", ""));
                // the first success of a request sent after the event, and the last failure after it
                all.stream().filter(a -> a.start() >= te && a.status() < 300).mapToLong(Attempt::end).min()
                        .ifPresent(t -> out.put(label + ".first_success_after_s", f((t - te) / 1e9)));
                all.stream().filter(a -> a.start() >= te && a.status() < 300 && !a.servedBy().equals("-"))
                        .min((x, y) -> Long.compare(x.end(), y.end()))
                        .ifPresent(a -> out.put(label + ".first_success_by", a.servedBy()));
                win.stream().filter(a -> a.status() >= 300).mapToLong(Attempt::end).max()
                        .ifPresent(t -> out.put(label + ".last_error_after_s", f((t - te) / 1e9)));
                out.putAll(latency(label + ".", win.stream().filter(a -> a.status() < 300).toList()));
                // failures while it lasted: the first 10 s after the event
                out.put(label + ".errors_first_10s", Long.toString(all.stream()
                        .filter(a -> a.end() >= te && a.end() < te + 10_000_000_000L && a.status() >= 300).count()));
            }
            // the session signed in at the start (on --signin-base's node) still works through --base
            try {
                var me = get(base + "/api/v1/session", session.cookies);
                out.put("session_after_run", me.statusCode() + " " + (me.statusCode() == 200
                        ? find(me.body(), "\"account\"\\s*:\\s*\"([^\"]+)\"") : "") + " served_by="
                        + me.headers().firstValue("X-Served-By").orElse("direct"));
            } catch (Exception e) {
                out.put("session_after_run", "failed " + e);
            }
            out.put("signed_in_on", one(opt, "signin-base", base) + " (" + session.servedBy + ")");
            if (kind.equals("submit")) {
                check(out);
            }
            StringBuilder text = new StringBuilder();
            out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            System.out.print(text);
            String file = one(opt, "out", "");
            if (!file.isEmpty()) {
                Files.writeString(Path.of(file), text);
            }
            String acks = one(opt, "acked-file", "");
            if (!acks.isEmpty()) {
                Files.write(Path.of(acks), new ArrayList<>(acked));
            }
        }

        /** Every acknowledged key is a row on the primary (HAProxy's), and no key, nor person, has two. */
        void check(Map<String, String> out) throws Exception {
            Map<String, Integer> rows = new HashMap<>();
            Map<String, Integer> perPerson = new HashMap<>();
            try (Connection c = db(opt); PreparedStatement p = c.prepareStatement("""
                    select s.idempotency_key, count(*) over (partition by s.idempotency_key),
                           count(*) over (partition by s.practitioner_id), inet_server_port()
                      from support_report s where s.idempotency_key like ?""")) {
                p.setString(1, run + "-%");
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.merge(r.getString(1), 1, Integer::sum);
                        perPerson.put(r.getString(1), r.getInt(3));
                        out.put("checked_on_pg_port", Integer.toString(r.getInt(4)));
                    }
                }
            }
            long lost = acked.stream().filter(k -> !rows.containsKey(k)).count();
            long dupKeys = rows.values().stream().filter(n -> n > 1).count();
            long dupPeople = perPerson.values().stream().filter(n -> n > 1).count();
            Set<String> unacked = new HashSet<>(rows.keySet());
            unacked.removeAll(acked);
            out.put("rows_for_run", Integer.toString(rows.size()));
            out.put("lost_acked", Long.toString(lost));
            out.put("duplicated_keys", Long.toString(dupKeys));
            out.put("duplicated_people", Long.toString(dupPeople));
            out.put("rows_never_acked", Integer.toString(unacked.size()));
        }

        static Map<Integer, Long> statuses(List<Attempt> list) {
            Map<Integer, Long> m = new TreeMap<>();
            list.forEach(a -> m.merge(a.status(), 1L, Long::sum));
            return m;
        }

        static Map<String, Long> servedBy(List<Attempt> list) {
            Map<String, Long> m = new TreeMap<>();
            list.forEach(a -> m.merge(a.servedBy(), 1L, Long::sum));
            return m;
        }

        static Map<String, String> latency(String prefix, List<Attempt> list) {
            long[] l = list.stream().mapToLong(a -> a.end() - a.start()).sorted().toArray();
            Map<String, String> m = new LinkedHashMap<>();
            if (l.length > 0) {
                m.put(prefix + "p50_ms", f(pct(l, 0.5) / 1e6));
                m.put(prefix + "p95_ms", f(pct(l, 0.95) / 1e6));
                m.put(prefix + "max_ms", f(l[l.length - 1] / 1e6));
            }
            return m;
        }

        static long pct(long[] sorted, double p) {
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
        }

        // ---- CPU of the JVMs (--cpu name:pid) and of every postgres process of the cluster (--pgdata dir) ------------
        Map<String, long[]> cpu() {
            Map<String, long[]> m = new TreeMap<>();
            for (String spec : opt.getOrDefault("cpu", List.of())) {
                String[] f = spec.split(":");
                m.put(f[0], new long[] {ticks(Long.parseLong(f[1]))});
            }
            List<String> dirs = opt.getOrDefault("pgdata", List.of());
            if (!dirs.isEmpty()) {
                long total = 0;
                for (String d : dirs) {
                    long pm = postmaster(Path.of(d));
                    if (pm <= 0) {
                        continue;
                    }
                    long sum = ticks(pm) + childTicks(pm) + children(pm);
                    m.put("pg_" + Path.of(d).getParent().getFileName(), new long[] {sum});
                    total += sum;
                }
                m.put("pg_all", new long[] {total});
            }
            return m;
        }

        static long postmaster(Path dataDir) {
            try {
                return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            } catch (Exception e) {
                return -1;
            }
        }

        static long children(long parent) {
            long sum = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] st = stat(Long.parseLong(name));
                    if (st != null && Long.parseLong(st[1]) == parent) {
                        sum += Long.parseLong(st[11]) + Long.parseLong(st[12]);
                    }
                }
            } catch (IOException e) {
                // a process went away while listing
            }
            return sum;
        }

        /** utime + stime of a process (clock ticks); fields after the command's closing parenthesis. */
        static long ticks(long pid) {
            String[] st = stat(pid);
            return st == null ? 0 : Long.parseLong(st[11]) + Long.parseLong(st[12]);
        }

        /** cutime + cstime: the CPU of the children it has reaped (backends that ended). */
        static long childTicks(long pid) {
            String[] st = stat(pid);
            return st == null ? 0 : Long.parseLong(st[13]) + Long.parseLong(st[14]);
        }

        static String[] stat(long pid) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // after ") ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (Exception e) {
                return null;
            }
        }
    }

    static String f(double d) {
        return String.format("%.2f", d);
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + regex + " in " + text.substring(0, Math.min(500, text.length())));
        }
        return m.group(1);
    }

    static String cookies(HttpResponse<?> answer, String had) {
        Map<String, String> jar = new LinkedHashMap<>();
        for (String c : had.isEmpty() ? new String[0] : had.split("; ")) {
            jar.put(c.substring(0, c.indexOf('=')), c);
        }
        for (String set : answer.headers().allValues("Set-Cookie")) {
            String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            if (pair.endsWith("=")) {
                jar.remove(pair.substring(0, pair.length() - 1));
            } else {
                jar.put(pair.substring(0, pair.indexOf('=')), pair);
            }
        }
        return String.join("; ", jar.values());
    }
}
