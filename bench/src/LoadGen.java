// A closed-loop HTTP load generator for the benchmark (bench/run.sh). Single file, JDK only:
//   java bench/src/LoadGen.java --base http://127.0.0.1:18080 --requests file.tsv --clients 16 \
//        --max-requests 20000 --max-seconds 60 [--warmup 500] [--cycle] --label submit --out result.properties
// Each line of the request file: METHOD <TAB> PATH <TAB> X-Test-Actor <TAB> Idempotency-Key or - <TAB> JSON body or -
// Without --cycle every line is sent at most once (submissions must not repeat); with --cycle the list wraps around.
// It only ever talks to 127.0.0.1 / localhost, and every loop is bounded by count and by time.
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class LoadGen {

    record Req(String method, String path, String actor, String key, String body) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            if (a.equals("--cycle")) {
                opt.put("cycle", "true");
            } else {
                opt.put(a.substring(2), args[++i]);
            }
        }
        String base = opt.getOrDefault("base", "http://127.0.0.1:18080");
        URI baseUri = URI.create(base);
        if (!"127.0.0.1".equals(baseUri.getHost()) && !"localhost".equals(baseUri.getHost())) {
            throw new IllegalArgumentException("only 127.0.0.1 is allowed, not " + baseUri.getHost());
        }
        int clients = Integer.parseInt(opt.getOrDefault("clients", "16"));
        long maxRequests = Long.parseLong(opt.getOrDefault("max-requests", "20000"));
        long maxSeconds = Long.parseLong(opt.getOrDefault("max-seconds", "60"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "0"));
        boolean cycle = opt.containsKey("cycle");
        String label = opt.getOrDefault("label", "load");
        List<Req> reqs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(opt.get("requests")), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                throw new IllegalArgumentException("bad request line: " + line);
            }
            reqs.add(new Req(f[0], f[1], f[2], f[3], f[4]));
        }
        if (reqs.isEmpty()) {
            throw new IllegalArgumentException("no requests in " + opt.get("requests"));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        AtomicInteger next = new AtomicInteger();
        // Warm-up: the first requests of the list, not recorded (they are used up, like the measured ones).
        if (warmup > 0) {
            runPhase(http, base, reqs, next, cycle, clients, Math.min(warmup, cycle ? warmup : reqs.size() / 10),
                    Math.min(maxSeconds, 60), null, null);
        }
        long[] lat = new long[(int) Math.min(maxRequests, cycle ? maxRequests : reqs.size())];
        AtomicInteger recorded = new AtomicInteger();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        AtomicLong bodyBytes = new AtomicLong();
        long cpu0 = cpuNanos();
        runPhase(http, base, reqs, next, cycle, clients, lat.length, maxSeconds, lat,
                new Recorder(recorded, statuses, bodyBytes));
        double cpuSecs = (cpuNanos() - cpu0) / 1e9;
        double secs = (System.nanoTime() - t0) / 1e9;
        int n = recorded.get();
        long[] sorted = Arrays.copyOf(lat, n);
        Arrays.sort(sorted);
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        String expect = opt.getOrDefault("expect", "");
        long expected = expect.isEmpty() ? n : Arrays.stream(expect.split(",")).mapToLong(s -> byStatus.getOrDefault(Integer.parseInt(s), 0L)).sum();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("label", label);
        out.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.put("clients", Integer.toString(clients));
        out.put("requests", Integer.toString(n));
        out.put("expected_status", expect.isEmpty() ? "any" : expect);
        out.put("expected_count", Long.toString(expected));
        out.put("statuses", byStatus.toString().replace(" ", ""));
        out.put("seconds", String.format("%.2f", secs));
        out.put("throughput_rps", String.format("%.1f", n / secs));
        out.put("expected_rps", String.format("%.1f", expected / secs));
        out.put("p50_ms", ms(pct(sorted, 0.50)));
        out.put("p95_ms", ms(pct(sorted, 0.95)));
        out.put("p99_ms", ms(pct(sorted, 0.99)));
        out.put("max_ms", ms(n == 0 ? 0 : sorted[n - 1]));
        out.put("avg_response_bytes", Long.toString(n == 0 ? 0 : bodyBytes.get() / n));
        out.put("loadgen_cpu_s", String.format("%.1f", cpuSecs));
        StringBuilder line = new StringBuilder();
        out.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
        System.out.println(line.toString().strip());
        if (opt.containsKey("out")) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(opt.get("out"))))) {
                out.forEach((k, v) -> w.println(k + "=" + v));
            }
        }
    }

    record Recorder(AtomicInteger recorded, Map<Integer, AtomicLong> statuses, AtomicLong bodyBytes) {
    }

    static final AtomicInteger errorsPrinted = new AtomicInteger();

    static void runPhase(HttpClient http, String base, List<Req> reqs, AtomicInteger next, boolean cycle, int clients,
            int count, long maxSeconds, long[] lat, Recorder rec) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        AtomicInteger issued = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        if (issued.getAndIncrement() >= count) {
                            break;
                        }
                        int i = next.getAndIncrement();
                        if (!cycle && i >= reqs.size()) {
                            break;
                        }
                        Req r = reqs.get(i % reqs.size());
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path()))
                                .timeout(Duration.ofSeconds(30)).header("X-Test-Actor", r.actor())
                                .header("Accept", "application/json");
                        if (!"-".equals(r.key())) {
                            b.header("Idempotency-Key", r.key());
                        }
                        if ("-".equals(r.body())) {
                            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
                        } else {
                            b.header("Content-Type", "application/json")
                                    .method(r.method(), HttpRequest.BodyPublishers.ofString(r.body()));
                        }
                        long s = System.nanoTime();
                        int status;
                        String body;
                        try {
                            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                            status = resp.statusCode();
                            body = resp.body();
                        } catch (IOException e) {
                            status = 599;
                            body = e.toString();
                        }
                        long elapsed = System.nanoTime() - s;
                        if (rec != null) {
                            int slot = rec.recorded().getAndIncrement();
                            if (slot < lat.length) {
                                lat[slot] = elapsed;
                            }
                            rec.statuses().computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                            rec.bodyBytes().addAndGet(body.length());
                        }
                        if (status >= 500 || (status >= 400 && status != 409 && errorsPrinted.get() < 3)) {
                            if (errorsPrinted.getAndIncrement() < 5) {
                                System.err.println("[" + status + "] " + r.method() + " " + r.path() + " -> "
                                        + (body.length() > 400 ? body.substring(0, 400) : body));
                            }
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
        if (rec != null && rec.recorded().get() > lat.length) {
            rec.recorded().set(lat.length);
        }
    }

    /** CPU time of this whole process (the load generator's own share of the machine). */
    static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
