// The 10 M benchmark's requests (bench/national.sh): each kind of request, over the JSON API and as pages, with 1, 4
// and 16 clients (closed loop), each request as the actor its line names in the X-Test-Actor header (benchmark only).
// Derived from BackOfficeBench (same checks). Single file, JDK only:
//   java bench/src/NationalBench.java --base http://127.0.0.1:18196 --requests samples.tsv [--clients 1,4,16]
//        [--warmup-all 600] [--n 300] [--warmup 30] [--max-seconds 30] [--kinds regex] [--out results.tsv]
// Each line of the request file: kind <TAB> path <TAB> actor <TAB> expected rows (-1: unchecked) <TAB> marker or
//   empty [<TAB> name=value ...]  (values raw, encoded here). Lines of one kind are cycled through in order.
// Every response is checked: status 200, no filter error on the page, the number of report rows (links
// /reports/<id> on a page, "id": in the API's JSON) equal to the expected one, and the marker (a case number, a
// name) present when given. A page request carries the SESSION cookie its client was given on its first page, as
// a browser does (without it every page would create a new session: the layout renders the CSRF token).
// It only ever talks to 127.0.0.1, and every loop is bounded by count and by time.
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class NationalBench {

    record Req(String kind, String url, String actor, int expectedRows, String marker, boolean api) {
    }

    record Phase(int clients, int requests, double seconds, long[] sortedNanos, long failures, long bytes, long rows) {
    }

    static final Pattern REPORT_LINK = Pattern.compile("href=\"/reports/\\d+\"");
    static final Pattern API_ROW = Pattern.compile("\\{\"id\":");
    static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
    static final String FILTER_ERROR = "class=\"error\" role=\"alert\"";

    static String base;
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicInteger failuresPrinted = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        base = opt.getOrDefault("base", "http://127.0.0.1:18096");
        String host = URI.create(base).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("only 127.0.0.1 is allowed, not " + host);
        }
        int n = Integer.parseInt(opt.getOrDefault("n", "300"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "30"));
        long maxSeconds = Long.parseLong(opt.getOrDefault("max-seconds", "40"));
        int[] clientSet = Arrays.stream(opt.getOrDefault("clients", "1,4,16").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        Pattern only = Pattern.compile(opt.getOrDefault("kinds", ".*"));

        Map<String, List<Req>> kinds = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(opt.get("requests")), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (!only.matcher(f[0]).matches()) {
                continue;
            }
            StringBuilder url = new StringBuilder(f[1]);
            char sep = f[1].contains("?") ? '&' : '?';
            for (int i = 5; i < f.length; i++) {
                if (f[i].isEmpty()) {
                    continue;
                }
                int eq = f[i].indexOf('=');
                url.append(sep).append(f[i], 0, eq).append('=')
                        .append(URLEncoder.encode(f[i].substring(eq + 1), StandardCharsets.UTF_8));
                sep = '&';
            }
            kinds.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new Req(f[0], url.toString(), f[2], Integer.parseInt(f[3]), f[4], !f[1].startsWith("/review")
                            && !f[1].equals("/") && !f[1].startsWith("/statistics")));
        }

        // One session cookie per client and actor, from its first page (what a browser keeps).
        int maxClients = Arrays.stream(clientSet).max().orElse(1);
        Map<String, String[]> cookieJar = new HashMap<>();
        for (List<Req> rs : kinds.values()) {
            for (Req r : rs) {
                if (!r.api() && !cookieJar.containsKey(r.actor())) {
                    String[] cookies = new String[maxClients];
                    for (int c = 0; c < maxClients; c++) {
                        cookies[c] = cookieFrom(send(new Req("session", "/", r.actor(), -1, "", false), null));
                    }
                    cookieJar.put(r.actor(), cookies);
                }
            }
        }

        // The JIT and the caches first: every kind in turn, not recorded, bounded by count and time. A kind that
        // takes over 100 ms is left out after its first request: its time is the database's, and it would use up
        // the warm-up the fast kinds need.
        int warmupAll = Integer.parseInt(opt.getOrDefault("warmup-all", "600"));
        long warmupEnd = System.nanoTime() + 60_000_000_000L;
        List<List<Req>> all = new ArrayList<>(kinds.values());
        boolean[] slow = new boolean[all.size()];
        for (int i = 0; i < warmupAll && System.nanoTime() < warmupEnd; i++) {
            int k = i % all.size();
            if (slow[k]) {
                continue;
            }
            Req r = all.get(k).get((i / all.size()) % all.get(k).size());
            long t = System.nanoTime();
            send(r, r.api() ? null : cookieJar.get(r.actor())[0]);
            slow[k] = System.nanoTime() - t > 100_000_000L;
        }

        PrintWriter out = opt.containsKey("out")
                ? new PrintWriter(Files.newBufferedWriter(Path.of(opt.get("out")), StandardCharsets.UTF_8)) : null;
        if (out != null) {
            out.println("kind\tvalues\tclients\trequests\tseconds\treq_per_s\tp50_ms\tp95_ms\tp99_ms\tmax_ms\tavg_kib\tavg_rows\tfailures");
        }
        System.out.printf("%-30s %6s %3s | %5s %7s %7s %7s %7s %8s | %6s %5s %5s%n", "kind", "values", "c",
                "n", "p50", "p95", "p99", "max", "req/s", "KiB", "rows", "fail");
        long allFailures = 0;
        for (var e : kinds.entrySet()) {
            List<Req> reqs = e.getValue();
            AtomicInteger next = new AtomicInteger();
            String[] cookies = cookieJar.get(reqs.get(0).actor());
            run(reqs, next, 1, Math.min(warmup, n), Math.min(maxSeconds, 30), cookies); // warm-up, not recorded
            for (int clients : clientSet) {
                Phase p = run(reqs, next, clients, n, maxSeconds, cookies);
                allFailures += p.failures();
                System.out.printf("%-30s %6d %3d | %5d %7.1f %7.1f %7.1f %7.1f %8.1f | %6.1f %5.1f %5d%n",
                        e.getKey(), reqs.size(), clients, p.requests(), ms(p, 0.50), ms(p, 0.95), ms(p, 0.99),
                        ms(p, 1.0), p.requests() / p.seconds(), p.bytes() / 1024.0 / Math.max(1, p.requests()),
                        (double) p.rows() / Math.max(1, p.requests()), p.failures());
                if (out != null) {
                    out.printf("%s\t%d\t%d\t%d\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%.1f\t%d%n", e.getKey(),
                            reqs.size(), clients, p.requests(), p.seconds(), p.requests() / p.seconds(), ms(p, 0.50),
                            ms(p, 0.95), ms(p, 0.99), ms(p, 1.0), p.bytes() / 1024.0 / Math.max(1, p.requests()),
                            (double) p.rows() / Math.max(1, p.requests()), p.failures());
                    out.flush();
                }
            }
        }
        if (out != null) {
            out.close();
        }
        System.out.println(allFailures == 0 ? "all responses 200 with the expected rows"
                : allFailures + " responses FAILED a check (see above)");
        System.exit(allFailures == 0 ? 0 : 2);
    }

    /** count requests (cycling through reqs from next) with the given number of clients, or until maxSeconds. */
    static Phase run(List<Req> reqs, AtomicInteger next, int clients, int count, long maxSeconds, String[] cookies)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long[] lat = new long[count];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            final int client = c;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && issued.getAndIncrement() < count) {
                        Req r = reqs.get(Math.floorMod(next.getAndIncrement(), reqs.size()));
                        long s = System.nanoTime();
                        HttpResponse<String> resp;
                        try {
                            resp = send(r, r.api() || cookies == null ? null : cookies[client]);
                        } catch (IOException ex) {
                            failures.incrementAndGet();
                            report(r, "I/O " + ex);
                            continue;
                        }
                        long elapsed = System.nanoTime() - s;
                        lat[recorded.getAndIncrement()] = elapsed;
                        String body = resp.body();
                        bytes.addAndGet(body.getBytes(StandardCharsets.UTF_8).length);
                        int found = count(r.api() ? API_ROW : REPORT_LINK, body);
                        rows.addAndGet(found);
                        String problem = resp.statusCode() != 200 ? "status " + resp.statusCode()
                                : body.contains(FILTER_ERROR) ? "a filter was refused"
                                : r.expectedRows() >= 0 && found != r.expectedRows() && !r.url().startsWith("/statistics")
                                        ? found + " rows, expected " + r.expectedRows()
                                : !r.marker().isEmpty() && !body.contains(r.marker()) ? "no " + r.marker() : null;
                        if (problem != null) {
                            failures.incrementAndGet();
                            report(r, problem);
                        }
                        if (cookies != null) {
                            resp.headers().allValues("Set-Cookie").stream().map(SESSION::matcher)
                                    .filter(Matcher::find).findFirst().ifPresent(m -> cookies[client] = m.group(1));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "client-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double secs = (System.nanoTime() - t0) / 1e9;
        int n = Math.min(recorded.get(), count);
        long[] sorted = Arrays.copyOf(lat, n);
        Arrays.sort(sorted);
        return new Phase(clients, n, secs, sorted, failures.get(), bytes.get(), rows.get());
    }

    static HttpResponse<String> send(Req r, String cookie) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(base + r.url())).timeout(Duration.ofSeconds(30))
                .header("X-Test-Actor", r.actor()).header("Accept", r.api() ? "application/json" : "text/html");
        if (cookie != null) {
            b.header("Cookie", "SESSION=" + cookie);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String cookieFrom(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET / answered " + r.statusCode());
        }
        return r.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElse(null);
    }

    static void report(Req r, String problem) {
        if (failuresPrinted.getAndIncrement() < 10) {
            System.err.println("FAILED " + r.kind() + " " + r.url() + ": " + problem);
        }
    }

    static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static double ms(Phase p, double q) {
        long[] s = p.sortedNanos();
        if (s.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(q * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))] / 1e6;
    }

    static String f1(Phase p, double q) {
        return p == null ? "-" : String.format("%.1f", ms(p, q));
    }
}
