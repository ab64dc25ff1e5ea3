import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 批次報備 against the test environment over loopback, one clerk: a file of N rows (dated slots, one a row, every
 * other day for each of the institution's staff) uploaded, checked and filed in the background, timed from the
 * upload to CHECKED and from "file" to DONE; then N more rows of the same shape (the days in between) filed one by
 * one over the JSON API (POST /api/v1/submissions with an Idempotency-Key), one client, for the ratio. Prints the
 * figures; asserts every row was filed.
 *
 * Usage: java bench/src/BatchBench.java <base url> <clerk's institution> <supported institution> <staff file> [N]
 * (the staff file: one national ID a line; bench/batch.sh writes it). Signs in by the benchmark header
 * (support.test-auth.enabled).
 */
public class BatchBench {

    static final Pattern ID = Pattern.compile("/batches/(\\d+)");
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?([^,\"}]*)\"?");
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String clerk;

    public static void main(String[] args) throws Exception {
        base = args[0];
        clerk = "institution:" + args[1];
        String site = args[2];
        List<String> staff = Files.readAllLines(Path.of(args[3])).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        LocalDate first = LocalDate.now().plusDays(7);

        // batch rows on even days, API rows on odd days: the same people, never overlapping
        StringBuilder csv = new StringBuilder("身分證統一編號,支援機構代碼,支援類別,科別,支援內容,支援起日,支援迄日,每週時段,指定日期時段\n");
        for (int i = 0; i < n; i++) {
            String day = roc(first.plusDays(2L * (i / staff.size())));
            csv.append(String.join(",", staff.get(i % staff.size()), site, "一般支援", "01 家醫科", "門診支援", day, day, "",
                    day + " 08:00-12:00")).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf("batch of %d rows for %d staff of %s, %d KiB%n", n, staff.size(), args[1],
                file.length / 1024);

        long t0 = System.nanoTime();
        var upload = upload("/batches", file);
        Matcher m = ID.matcher(upload.headers().firstValue("Location").orElse(""));
        if (upload.statusCode() != 302 || !m.find()) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + " " + upload.headers());
        }
        String batch = m.group(1);
        long uploaded = System.nanoTime();
        String progress = waitFor(batch, "CHECKED", 600);
        long checked = System.nanoTime();
        int ready = Integer.parseInt(field(progress, "ready"));
        if (ready != n) {
            // rows the rules refuse (the synthetic data's own reports, registrations): said, and left out below
            String page = send("GET", "/batches/" + batch + "?problems=true", null, null).body();
            Matcher p = Pattern.compile("class=\"row-problems\">\\s*<li>([^<]+)</li>").matcher(page);
            java.util.Map<String, Integer> why = new java.util.TreeMap<>();
            while (p.find()) {
                why.merge(p.group(1).replaceAll("[0-9]{3}/[0-9]{2}/[0-9]{2}.*|（案號 [^）]*）", "…"), 1, Integer::sum);
            }
            System.out.printf("%d of %d rows refused by the rules: %s%n", n - ready, n, why);
        }
        var filing = send("POST", "/batches/" + batch + "/file", null, "application/x-www-form-urlencoded");
        if (filing.statusCode() != 302) {
            throw new IllegalStateException("file answered " + filing.statusCode());
        }
        long fileAsked = System.nanoTime();
        progress = waitFor(batch, "DONE", 1200);
        long done = System.nanoTime();
        if (!field(progress, "filed").equals(String.valueOf(ready))) {
            throw new IllegalStateException("not every row was filed: " + progress);
        }

        // the same number of rows, one by one over the API
        long a0 = System.nanoTime();
        int apiRefused = 0;
        for (int i = 0; i < n; i++) {
            String day = first.plusDays(2L * (i / staff.size()) + 1).toString();
            String body = """
                    {"practitioner":"%s","supportedInstitution":"%s","category":"REGULAR","department":"01",
                     "content":"門診支援","period":{"start":"%s","end":"%s"},
                     "schedule":{"dated":[{"date":"%s","start":"08:00","end":"12:00"}]}}"""
                    .formatted(staff.get(i % staff.size()), site, day, day, day);
            var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions"))
                    .header("X-Test-Actor", clerk).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-api-" + i + "-" + a0)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 409 || r.statusCode() == 422) {
                apiRefused++;
            } else if (r.statusCode() != 201) {
                throw new IllegalStateException("API filing " + i + " answered " + r.statusCode() + " " + r.body());
            }
        }
        long a1 = System.nanoTime();

        double upload_s = (uploaded - t0) / 1e9;
        double check_s = (checked - uploaded) / 1e9;
        double file_s = (done - fileAsked) / 1e9;
        double api_s = (a1 - a0) / 1e9;
        System.out.printf("upload (read, store %d rows)     %8.2f s%n", n, upload_s);
        System.out.printf("check (all rules, in background)  %8.2f s  %7.0f rows/s%n", check_s, n / check_s);
        System.out.printf("file (ordinary submissions)       %8.2f s  %7.0f rows/s%n", file_s, n / file_s);
        System.out.printf("batch total (upload+check+file)   %8.2f s  %7.0f rows/s%n", upload_s + check_s + file_s,
                n / (upload_s + check_s + file_s));
        System.out.printf("the same count one by one, API    %8.2f s  %7.0f rows/s  (%d refused by the rules)%n",
                api_s, n / api_s, apiRefused);
        System.out.printf("ratio API one by one / batch total %7.2f%n", api_s / (upload_s + check_s + file_s));
    }

    static String waitFor(String batch, String state, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            var r = send("GET", "/batches/" + batch + "/progress", null, null);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("progress answered " + r.statusCode());
            }
            String state_ = field(r.body(), "state");
            if (state_.equals(state)) {
                return r.body();
            }
            if (state_.equals("FAILED")) {
                throw new IllegalStateException("batch failed");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("batch not " + state + " within " + seconds + " s");
    }

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return "";
    }

    static HttpResponse<String> upload(String path, byte[] content) throws Exception {
        String boundary = "bench" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    static HttpResponse<String> send(String method, String path, byte[] body, String type) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("X-Test-Actor", clerk).header("Accept", "*/*")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 1160105: the ROC date the template asks for. */
    static String roc(LocalDate d) {
        return String.format("%03d%02d%02d", d.getYear() - 1911, d.getMonthValue(), d.getDayOfMonth());
    }
}
