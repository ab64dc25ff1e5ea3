package tw.gov.mohw.support.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.report.Action;
import tw.gov.mohw.support.report.ReportRecorded;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportTransitioned;
import tw.gov.mohw.support.support.Api;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.testenv.SimulatedMailGateway;
import tw.gov.mohw.support.testenv.SimulatedSmsGateway;

/**
 * A decision or a cancellation reaches the person and the filing institution by SMS and e-mail: queued with the
 * decision, sent after it; failures are retried with back-off and finally given up; an event handled twice queues
 * nothing twice; a node that dies mid-batch leaves its messages to another, whose resend the provider drops.
 */
@IntegrationTest
class NotificationsTest {

    @Autowired Api api;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired NotificationContacts contacts;
    @Autowired NotificationListener listener;
    @Autowired NotificationSender sender;
    @Autowired NotificationProperties properties;
    @Autowired SimulatedSmsGateway sms;
    @Autowired SimulatedMailGateway mail;

    String home;
    String supported;
    String person;
    String personMobile;
    String clerk;
    String reviewer = "reviewer:63000:nora"; // the home county decides

    @BeforeEach
    void setUp() {
        home = fixtures.institution("63000");
        supported = fixtures.institution("64000");
        person = fixtures.practitioner(home);
        personMobile = fixtures.ownMobile(person);
        clerk = "institution:" + home;
    }

    long fileByInstitution() {
        var start = fixtures.today().plusDays(14);
        var filed = api.post(clerk, "/api/v1/submissions", Api.report(person, supported, start.toString(),
                start.plusMonths(2).toString(), "WEDNESDAY", "09:00", "12:00"),
                Map.of("Idempotency-Key", "notify-" + System.nanoTime()));
        assertThat(filed.status()).isEqualTo(201);
        return filed.body().get("id").asLong();
    }

    List<Map<String, Object>> rows(long reportId) {
        return jdbc.sql("select channel, recipient, address, status, attempts, last_error, body from notification "
                + "where report_id = ? order by id").param(reportId).query().listOfRows();
    }

    @Test
    void approvalReachesThePersonAndTheFilingInstitutionBySmsAndEmail() {
        contacts.save("practitioner:" + person, new NotificationContacts.Contact(null, person.toLowerCase() + "@example.tw"));
        String clerkMobile = fixtures.ownMobile(fixtures.practitioner(home)); // any fresh number will do
        contacts.save(clerk, new NotificationContacts.Contact(clerkMobile, "clerk-" + home + "@example.tw"));
        long id = fileByInstitution();
        var approved = api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        assertThat(approved.status()).isEqualTo(200);
        String caseNumber = approved.text("/caseNumber");
        String approvalNumber = approved.text("/approvalNumber");

        await().atMost(Duration.ofSeconds(15)).until(() -> rows(id).stream().allMatch(r -> "SENT".equals(r.get("status")))
                && rows(id).size() == 4);
        var toPerson = sms.latestTo(personMobile).orElseThrow();
        assertThat(toPerson.text()).startsWith("【報備支援系統】報備支援申請（案號" + caseNumber)
                .contains("已核准", approvalNumber, "/reports/" + id).hasSizeLessThanOrEqualTo(335);
        assertThat(sms.latestTo(clerkMobile).orElseThrow().text()).contains("之報備支援申請", "已核准");
        var mailToPerson = mail.latestTo(person.toLowerCase() + "@example.tw").orElseThrow();
        assertThat(mailToPerson.subject()).isEqualTo("【報備支援系統】報備支援申請已核准（案號 " + caseNumber + "）");
        assertThat(mailToPerson.body()).contains("您好", "您的報備支援申請已經臺北市政府衛生局核准", "核准文號：" + approvalNumber)
                .doesNotContain("[[", "th:");
        assertThat(mail.latestTo("clerk-" + home + "@example.tw").orElseThrow().body()).contains("貴機構為", "登錄的");
        // a message travels through providers and sits in inboxes: it never carries the national ID, whole or masked
        assertThat(rows(id)).allSatisfy(r -> assertThat((String) r.get("body")).doesNotContain(person,
                person.substring(0, 4), person.substring(6)));
        // Only decisions and cancellations notify: filing made no message.
        assertThat(rows(id)).allMatch(r -> ((String) r.get("body")).contains("核准"));
    }

    @Test
    void returnCarriesTheReasonAndAPersonWithoutAnEmailGetsOnlyTheText() {
        long id = fileByInstitution();
        // the reason as typed: plain text, never HTML-escaped
        api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "RETURN",
                "reason", "請附支援同意書 & <門診表>"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sms.latestTo(personMobile)
                .filter(m -> m.text().contains("退回補正")).isPresent());
        assertThat(sms.latestTo(personMobile).orElseThrow().text()).contains("經臺北市政府衛生局退回補正：請附支援同意書 & <門診表>。");
        // The institution gave no addresses and the person no e-mail: one message in all.
        assertThat(rows(id)).singleElement().satisfies(r -> assertThat(r.get("channel")).isEqualTo("SMS"));
    }

    @Test
    void aMessageThatCannotGoThroughIsRetriedWithBackOffThenGivenUp() {
        contacts.save("practitioner:" + person, new NotificationContacts.Contact(null, "nobody@unreachable.invalid"));
        long id = fileByInstitution();
        api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "REJECT", "reason", "非本局轄區"));
        await().atMost(Duration.ofSeconds(15)).until(() -> rows(id).stream()
                .anyMatch(r -> "EMAIL".equals(r.get("channel")) && (int) r.get("attempts") == 1));
        var email = rows(id).stream().filter(r -> "EMAIL".equals(r.get("channel"))).findFirst().orElseThrow();
        assertThat(email.get("status")).isEqualTo("PENDING");
        assertThat((String) email.get("last_error")).contains("did not answer");
        // the next try waits a minute, then two, …
        var next = jdbc.sql("select next_attempt_at > now() + interval '50 seconds' from notification where report_id = ? "
                + "and channel = 'EMAIL'").param(id).query(Boolean.class).single();
        assertThat(next).isTrue();
        for (int attempt = 2; attempt <= properties.maxAttempts(); attempt++) {
            jdbc.sql("update notification set next_attempt_at = now() - interval '1 second' where report_id = ? "
                    + "and channel = 'EMAIL' and status = 'PENDING'").param(id).update();
            sender.deliverBatch();
        }
        email = rows(id).stream().filter(r -> "EMAIL".equals(r.get("channel"))).findFirst().orElseThrow();
        assertThat(email.get("status")).isEqualTo("FAILED");
        assertThat(email.get("attempts")).isEqualTo(properties.maxAttempts());
        // the text message went through all the same
        assertThat(rows(id)).anySatisfy(r -> assertThat(r).containsEntry("channel", "SMS").containsEntry("status", "SENT"));
    }

    @Test
    void anAddressTheProviderRefusesIsNotRetried() {
        contacts.save("practitioner:" + person, new NotificationContacts.Contact("0911110000", null));
        long id = fileByInstitution();
        api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        // a number ending in 0000 is "unreachable" (temporary) for the simulator; make it invalid instead
        // after the first attempt has ended (its error written), or its end would undo the change below
        await().atMost(Duration.ofSeconds(15)).until(() -> !rows(id).isEmpty()
                && rows(id).get(0).get("last_error") != null);
        jdbc.sql("update notification set address = '1234', status = 'PENDING', next_attempt_at = now() "
                + "where report_id = ?").param(id).update();
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(rows(id).get(0).get("status")));
        assertThat((String) rows(id).get(0).get("last_error")).startsWith("INVALID_NUMBER");
    }

    @Test
    void aRepublishedEventAddsNoSecondMessage() {
        long id = fileByInstitution();
        var approved = api.post(reviewer, "/api/v1/reports/" + id + "/decisions", Map.of("decision", "APPROVE"));
        await().atMost(Duration.ofSeconds(15)).until(() -> rows(id).size() == 1);
        var at = jdbc.sql("select at from report_transition where report_id = ? and action = 'APPROVE'").param(id)
                .query(java.sql.Timestamp.class).single().toInstant();
        var event = new ReportRecorded(id, approved.text("/caseNumber"),
                jdbc.sql("select practitioner_id from support_report where id = ?").param(id).query(Long.class).single(),
                clerk, supported, approved.text("/decidingBureau/code"), approved.text("/approvalNumber"),
                List.of(new ReportTransitioned(Action.APPROVE, ReportStatus.APPROVED, reviewer, null, null, at)),
                clerk.substring("institution:".length()));
        listener.on(event);
        listener.on(event);
        assertThat(rows(id)).hasSize(1);
    }

    /**
     * A node claimed a batch (its lease: two minutes), handed half of it to the provider and died before marking
     * anything sent. When the lease runs out another node sends the whole batch: every message reaches the provider
     * at least once (the dead node's half twice, counted by the provider), and each recipient gets it once.
     */
    @Test
    void aBatchOfANodeThatDiedMidSendReachesEachRecipientOnce() {
        long report = fileByInstitution();
        var now = java.time.OffsetDateTime.now();
        List<Long> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String mobile = fixtures.ownMobile(fixtures.practitioner(home));
            batch.add(jdbc.sql("""
                    insert into notification (event_key, recipient, channel, address, body, report_id, status,
                                              attempts, next_attempt_at, created_at)
                    values (?, ?, 'SMS', ?, ?, ?, 'PENDING', 1, ?, ?) returning id""")
                    .params("crash-drill:" + report + ":" + i, "practitioner:drill-" + i, mobile,
                            "drill message " + i, report, now.plusMinutes(2), now)
                    .query(Long.class).single());
        }
        List<Long> handedByTheDeadNode = batch.subList(0, 5);
        for (long id : handedByTheDeadNode) {
            var row = jdbc.sql("select address, body from notification where id = ?").param(id).query().singleRow();
            sms.send((String) row.get("address"), (String) row.get("body"), "notification-" + id);
        }
        assertThat(sent(batch)).as("leased by the dead node: nobody else sends them yet").isZero();

        jdbc.sql("update notification set next_attempt_at = :now where id in (:ids)").param("now", now)
                .param("ids", batch).update();
        await().atMost(Duration.ofSeconds(15)).until(() -> sent(batch) == batch.size());

        var provider = jdbc.sql("select reference, count(*) delivered, sum(handed_over) handed from simulated_message "
                + "where channel = 'SMS' and reference like 'notification-%' group by reference")
                .query((rs, n) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list()
                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (long id : batch) {
            long[] counts = provider.get("notification-" + id);
            assertThat(counts).as("message %d at the provider", id).isNotNull();
            assertThat(counts[0]).as("delivered to its recipient").isEqualTo(1);
            assertThat(counts[1]).as("handed to the provider").isEqualTo(handedByTheDeadNode.contains(id) ? 2 : 1);
        }
    }

    private long sent(List<Long> ids) {
        return ids.stream().filter(id -> "SENT".equals(jdbc.sql("select status from notification where id = ?")
                .param(id).query(String.class).single())).count();
    }
}
