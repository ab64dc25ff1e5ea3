package tw.gov.mohw.support.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

/**
 * 批次報備 end to end over HTTP: a clerk uploads a file with good rows and mistakes, every row is checked by the
 * single form's rules (and against the other rows), the ready rows are filed as ordinary reports, the same file
 * again files nothing twice, a job cut short by a dead node is finished without a duplicate, and the result
 * workbook says what became of each row.
 */
@IntegrationTest
class BatchFilingTest {

    private static final String HEADER = "身分證統一編號,支援機構代碼,支援類別,科別,支援內容,支援起日,支援迄日,每週時段,指定日期時段";

    @Autowired SignIns signIns;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired BatchWorker worker;
    @Autowired SupportReports reports;

    private final HttpClient http = HttpClient.newHttpClient();

    private String day(int fromToday) {
        return RocDates.formatCompact(fixtures.today().plusDays(fromToday));
    }

    private static String row(String person, String site, String start, String end, String weekly) {
        return String.join(",", person, site, "一般支援", "01 家醫科", "門診支援", start, end, weekly, "");
    }

    /** Uploads as the clerk of {@code home}; the new batch's id. */
    private long upload(String home, String name, byte[] content) {
        var answer = signIns.upload(signIns.session("institution:" + home), "/batches", name, "text/csv", content);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/batches/\\d+");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private void awaitState(long batch, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                "select state from batch where id = ?").param(batch).query(String.class).single().equals(state));
    }

    private Map<Integer, String> rowStates(long batch) {
        return jdbc.sql("select line, state from batch_row where batch_id = ?").param(batch)
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private String page(String home, String path) {
        var answer = signIns.call(signIns.session("institution:" + home), "GET", path, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private int reportsFiledBy(String home, String person) {
        return jdbc.sql("""
                select count(*) from support_report r join practitioner p on p.id = r.practitioner_id
                 where r.filed_by = ? and p.national_id = ?""").params("institution:" + home, person)
                .query(Integer.class).single();
    }

    @Test
    void rowsAreCheckedLikeTheFormThenFiledOnceEvenWhenUploadedAgain() throws Exception {
        String home = fixtures.institution("63000");
        String site = fixtures.institution("65000");
        String alice = fixtures.practitioner(home);
        String bob = fixtures.practitioner(home);
        String stranger = fixtures.practitioner(fixtures.institution("63000"));
        String csv = String.join("\n", HEADER,
                row(alice, site, day(30), day(60), "週一 09:00-12:00"),                       // 2: ready
                row(bob, site, day(30), day(60), "週二 13:30-17:30；週四 8:00-12:00"),       // 3: ready
                "",                                                                           // 4: blank, skipped
                row(bob, site, day(40), day(50), "週四 10:00-11:00"),                         // 5: meets row 3
                row(alice, site, "1151399", day(60), "週三 09:00-12:00"),                     // 6: no such date
                row(stranger, site, day(30), day(60), "週五 09:00-12:00"),                    // 7: not our staff
                row(alice, site, day(30), day(60), "每週三上午"));                             // 8: slot unreadable
        long batch = upload(home, "排班.csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitState(batch, "CHECKED");
        // what the page's progress bar asks for
        var progress = signIns.json(signIns.call(signIns.session("institution:" + home), "GET",
                "/batches/" + batch + "/progress", null));
        assertThat(progress.get("state").asString()).isEqualTo("CHECKED");
        assertThat(progress.get("working").asBoolean()).isFalse();
        assertThat(progress.get("total").asInt()).isEqualTo(6);
        assertThat(progress.get("checked").asInt()).isEqualTo(6);
        assertThat(progress.get("ready").asInt()).isEqualTo(2);

        assertThat(rowStates(batch)).containsExactlyInAnyOrderEntriesOf(Map.of(2, "READY", 3, "READY", 5,
                "INVALID", 6, "INVALID", 7, "INVALID", 8, "INVALID"));
        String preview = page(home, "/batches/" + batch);
        assertThat(preview).contains("可報備：2 列", "有錯誤：4 列", "報備 2 列")
                // each problem in Chinese, after its column, with the row as Excel numbers it
                .contains("每週時段：與本檔第 3 列的支援時段重疊")
                .contains("支援起日：")
                .contains("身分證統一編號：")
                .contains("每週時段：每週時段「每週三上午」無法辨識")
                // national IDs masked like everywhere else
                .doesNotContain(alice).contains(NationalId.maskAll(alice));
        assertThat(reportsFiledBy(home, alice) + reportsFiledBy(home, bob)).isZero();

        var filing = signIns.call(signIns.session("institution:" + home), "POST", "/batches/" + batch + "/file",
                null);
        assertThat(filing.statusCode()).isEqualTo(302);
        awaitState(batch, "DONE");
        assertThat(rowStates(batch)).containsEntry(2, "FILED").containsEntry(3, "FILED").containsEntry(5, "INVALID");
        assertThat(reportsFiledBy(home, alice)).isEqualTo(1);
        assertThat(reportsFiledBy(home, bob)).isEqualTo(1);
        // ordinary submitted reports, routed to the home county's bureau, each with its case number on the row
        assertThat(jdbc.sql("""
                select count(*) from batch_row b join support_report r on r.id = b.report_id
                 where b.batch_id = ? and r.status = 'SUBMITTED' and r.deciding_bureau = '63000'
                   and r.case_number = b.case_number""").param(batch).query(Integer.class).single()).isEqualTo(2);
        // filing again is refused: a batch is filed once
        signIns.call(signIns.session("institution:" + home), "POST", "/batches/" + batch + "/file", null);
        assertThat(reportsFiledBy(home, alice) + reportsFiledBy(home, bob)).isEqualTo(2);

        // the same file again: the filed rows are told as filed before, nothing is filed twice
        long again = upload(home, "排班.csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitState(again, "CHECKED");
        assertThat(rowStates(again)).containsEntry(2, "FILED_BEFORE").containsEntry(3, "FILED_BEFORE")
                .containsEntry(5, "INVALID");
        assertThat(page(home, "/batches/" + again)).contains("先前已報備").doesNotContain("報備 2 列");
        assertThat(reportsFiledBy(home, alice) + reportsFiledBy(home, bob)).isEqualTo(2);

        // alice's report withdrawn: the same row, uploaded once more, is filed anew (bob's still stands)
        long alices = jdbc.sql("select report_id from batch_row where batch_id = ? and line = 2").param(batch)
                .query(Long.class).single();
        assertThat(signIns.call(signIns.session("institution:" + home), "POST", "/api/v1/reports/" + alices
                + "/withdraw", "{\"reason\":\"排班異動\"}").statusCode()).isEqualTo(200);
        long third = upload(home, "排班.csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitState(third, "CHECKED");
        assertThat(rowStates(third)).containsEntry(2, "READY").containsEntry(3, "FILED_BEFORE");
        signIns.call(signIns.session("institution:" + home), "POST", "/batches/" + third + "/file", null);
        awaitState(third, "DONE");
        assertThat(reportsFiledBy(home, alice)).isEqualTo(2);
        assertThat(reportsFiledBy(home, bob)).isEqualTo(1);

        // the result workbook: the upload, each row's state, message and case number
        var result = http.send(HttpRequest.newBuilder(URI.create(signIns.baseUrl() + "/batches/" + batch
                + "/result.xlsx")).header("Cookie", signIns.session("institution:" + home).cookies()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        List<List<String>> sheet = new ArrayList<>();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(result.body()))) {
            workbook.getFirstSheet().openStream().forEach(r -> {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < r.getCellCount(); c++) {
                    cells.add(r.getCellText(c));
                }
                sheet.add(cells);
            });
        }
        assertThat(sheet.get(0)).endsWith("狀態", "訊息", "案號");
        List<String> first = sheet.stream().filter(r -> r.get(0).equals(alice) && r.get(7).contains("週一"))
                .findFirst().orElseThrow();
        assertThat(first).contains("已報備");
        assertThat(first.get(first.size() - 1)).isNotBlank();
        assertThat(sheet.stream().filter(r -> r.contains("有錯誤")).count()).isEqualTo(4);
    }

    @Test
    void aBig5FileFromExcelOnTaiwaneseWindowsIsReadAsSuch() throws Exception {
        String home = fixtures.institution("66000");
        String site = fixtures.institution("66000");
        String carol = fixtures.practitioner(home);
        String csv = HEADER + "\r\n" + String.join(",", carol, site, "義診", "家醫科", "社區義診：血壓量測與衛教", day(20),
                day(20), "", day(20) + " 08:00-12:00") + "\r\n";
        long batch = upload(home, "義診.csv", csv.getBytes(Charset.forName("x-windows-950")));
        awaitState(batch, "CHECKED");
        assertThat(rowStates(batch)).containsEntry(2, "READY");
        assertThat(jdbc.sql("select format from batch where id = ?").param(batch).query(String.class).single())
                .isEqualTo("CSV_BIG5");
        signIns.call(signIns.session("institution:" + home), "POST", "/batches/" + batch + "/file", null);
        awaitState(batch, "DONE");
        assertThat(jdbc.sql("""
                select v.content from batch_row b join report_revision v on v.report_id = b.report_id
                 where b.batch_id = ?""").param(batch).query(String.class).single())
                .isEqualTo("社區義診：血壓量測與衛教");
    }

    @Test
    void aJobCutShortByADeadNodeIsFinishedWithoutFilingARowTwice() {
        String home = fixtures.institution("10002");
        String site = fixtures.institution("10015");
        List<String> people = List.of(fixtures.practitioner(home), fixtures.practitioner(home),
                fixtures.practitioner(home));
        StringBuilder csv = new StringBuilder(HEADER);
        people.forEach(p -> csv.append('\n').append(row(p, site, day(30), day(90), "週六 09:00-12:00")));
        long batch = upload(home, "restart.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        awaitState(batch, "CHECKED");
        // The node that claimed the filing died after filing row 2's report and before writing its outcome: the
        // batch is FILING under a lease that has run out, row 2 still READY.
        var cells = jdbc.sql("select cells from batch_row where batch_id = ? and line = 2").param(batch)
                .query(String.class).single();
        jdbc.sql("update batch set state = 'FILING', lease_owner = 'dead-node', lease_until = now() - interval '1 s' "
                + "where id = ?").param(batch).update();
        var rows = new BatchRows(Map.of("一般支援", "REGULAR"), Map.of("01 家醫科", "01"));
        List<String> row2 = List.of(people.get(0), site, "一般支援", "01 家醫科", "門診支援", day(30), day(90),
                "週六 09:00-12:00", "");
        assertThat(cells).contains(people.get(0));
        reports.file(Actor.institution(home), rows.read(row2), BatchRows.idempotencyKey(row2));

        // any node takes it over once the lease is out, and finishes it
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select state from batch where id = ?")
                .param(batch).query(String.class).single().equals("DONE"));
        assertThat(rowStates(batch)).containsOnly(Map.entry(2, "FILED"), Map.entry(3, "FILED"),
                Map.entry(4, "FILED"));
        for (String person : people) {
            assertThat(reportsFiledBy(home, person)).as(person).isEqualTo(1);
        }
        assertThat(jdbc.sql("select rows_filed from batch where id = ?").param(batch).query(Integer.class).single())
                .isEqualTo(3);
    }

    /**
     * A job that fails for a reason not of its rows (here a row the database holds in a shape the worker cannot
     * read, as a half-migrated deployment might) is tried again after a pause, by any node, and FAILED only at the
     * third try: the page then says so.
     */
    @Test
    void aJobThatFailsIsTriedAgainThenFailedForGood() {
        String home = fixtures.institution("63000");
        long batch = jdbc.sql("""
                insert into batch (institution_code, account, file_name, format, content, state, rows_total,
                    created_at, updated_at)
                values (?, ?, 'broken.csv', 'CSV_UTF8', ?, 'CHECKING', 1, now(), now()) returning id""")
                .params(home, "institution:" + home, HEADER.getBytes(StandardCharsets.UTF_8)).query(Long.class)
                .single();
        jdbc.sql("insert into batch_row (batch_id, line, cells, idempotency_key, state) "
                + "values (?, 2, '{\"not\": \"a list\"}', 'k', 'PENDING')").param(batch).update();
        for (int attempt = 1; attempt <= BatchWorker.TRIES; attempt++) {
            int tries = attempt;
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select failures from batch where id = ?")
                    .param(batch).query(Integer.class).single() == tries);
            String state = jdbc.sql("select state from batch where id = ?").param(batch).query(String.class).single();
            if (attempt < BatchWorker.TRIES) {
                assertThat(state).isEqualTo("CHECKING");
                // left for a pause, not at once to the next node
                assertThat(jdbc.sql("select lease_until > now() + interval '20 s' and lease_owner is null from batch "
                        + "where id = ?").param(batch).query(Boolean.class).single()).isTrue();
                jdbc.sql("update batch set lease_until = now() - interval '1 s' where id = ?").param(batch).update();
            } else {
                assertThat(state).isEqualTo("FAILED");
            }
        }
        // what the page's script is told: the job is over, and how
        var progress = signIns.json(signIns.call(signIns.session("institution:" + home), "GET",
                "/batches/" + batch + "/progress", null));
        assertThat(progress.get("working").asBoolean()).isFalse();
        assertThat(progress.get("text").asString()).isEqualTo("處理失敗");
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWholeWithAMessageAndNothingStored() {
        String home = fixtures.institution("63000");
        int before = jdbc.sql("select count(*) from batch").query(Integer.class).single();
        var session = signIns.session("institution:" + home);
        var answer = signIns.upload(session, "/batches", "x.csv", "text/csv",
                "姓名,電話\n王小明,0912\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/batches");
        // the message is on the page the browser is sent back to
        String next = signIns.call(session, "GET", "/batches", null).body();
        assertThat(next).contains("role=\"alert\"").contains("身分證統一編號");
        assertThat(jdbc.sql("select count(*) from batch").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void anotherInstitutionsBatchDoesNotExistForItsClerk() {
        String home = fixtures.institution("63000");
        String site = fixtures.institution("65000");
        long batch = upload(home, "ours.csv", (HEADER + "\n" + row(fixtures.practitioner(home), site, day(30),
                day(60), "週一 09:00-12:00")).getBytes(StandardCharsets.UTF_8));
        var other = signIns.session("institution:" + fixtures.institution("63000"));
        assertThat(signIns.call(other, "GET", "/batches/" + batch, null).statusCode()).isEqualTo(404);
        assertThat(signIns.call(other, "POST", "/batches/" + batch + "/file", null).statusCode()).isEqualTo(404);
        assertThat(signIns.call(other, "GET", "/batches", null).body()).doesNotContain("ours.csv");
    }
}
