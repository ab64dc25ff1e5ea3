package tw.gov.mohw.support.identity.nhi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.identity.nhi.SmsCodes.CodeRefused;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.sms.SmsException;
import tw.gov.mohw.support.sms.SmsGateway;
import tw.gov.mohw.support.support.Fixtures;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.MovableClock;

@IntegrationTest
class SmsCodesTest {

    static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Registry registry;
    @Autowired Fixtures fixtures;

    final List<String[]> outbox = new CopyOnWriteArrayList<>();
    volatile boolean providerDown;
    volatile long providerDelayMillis;
    MovableClock clock;
    SmsCodes codes;
    NationalId person;
    String mobile;
    /** The client's address: one per test, as the per-address limit counts across tests in one database. */
    String address;

    @BeforeEach
    void setUp() {
        clock = MovableClock.frozenAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        SmsGateway gateway = (to, text, reference) -> {
            if (providerDelayMillis > 0) {
                try {
                    Thread.sleep(providerDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (providerDown) {
                throw new SmsException(SmsException.Reason.UNAVAILABLE, "down");
            }
            outbox.add(new String[] {to, text, reference});
            return "m" + outbox.size();
        };
        codes = new SmsCodes(jdbc, tx, registry, gateway, Runnable::run, clock);
        address = "198.51." + PHONES.incrementAndGet() % 250 + "." + PHONES.incrementAndGet() % 250;
        person = NationalId.parse(fixtures.practitioner(fixtures.institution("63000")));
        mobile = "09" + "%08d".formatted(PHONES.incrementAndGet() % 100_000_000);
        jdbc.sql("update practitioner set mobile = ? where national_id = ?").params(mobile, person.value()).update();
    }

    String sentCode() {
        Matcher m = Pattern.compile("(\\d{6})").matcher(outbox.get(outbox.size() - 1)[1]);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String attempt() {
        return UUID.randomUUID().toString();
    }

    static void assertRefused(Runnable call, CodeRefused.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CodeRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void theRightCodeSignsInOnce() {
        String attempt = attempt();
        var sent = codes.request(attempt, person, mobile, address);
        assertThat(outbox).singleElement().satisfies(m -> {
            assertThat(m[0]).isEqualTo(mobile);
            assertThat(m[1]).contains("驗證碼").containsPattern("\\d{6}");
        });
        assertThat(Duration.between(clock.instant(), sent.expiresAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(Duration.between(clock.instant(), sent.resendAfter())).isEqualTo(Duration.ofSeconds(60));
        assertThat(codes.verify(attempt, sentCode())).isEqualTo(person);
        assertRefused(() -> codes.verify(attempt, sentCode()), CodeRefused.Reason.USED);
    }

    @Test
    void aCodeBelongsToItsAttempt() {
        String attempt = attempt();
        codes.request(attempt, person, mobile, address);
        assertRefused(() -> codes.verify(attempt(), sentCode()), CodeRefused.Reason.NO_CODE);
        assertThat(codes.verify(attempt, sentCode())).isEqualTo(person);
    }

    @Test
    void fiveWrongCodesLockTheAttempt() {
        String attempt = attempt();
        codes.request(attempt, person, mobile, address);
        String right = sentCode();
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 0; left--) {
            int expected = left;
            assertThatThrownBy(() -> codes.verify(attempt, wrong)).isInstanceOfSatisfying(CodeRefused.class, e -> {
                assertThat(e.reason()).isEqualTo(expected == 0 ? CodeRefused.Reason.LOCKED : CodeRefused.Reason.WRONG);
                assertThat(e.triesLeft()).isEqualTo(expected);
            });
        }
        assertRefused(() -> codes.verify(attempt, right), CodeRefused.Reason.LOCKED);
        assertRefused(() -> codes.verify(attempt, "12a456"), CodeRefused.Reason.LOCKED);
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        String attempt = attempt();
        codes.request(attempt, person, mobile, address);
        clock.advance(Duration.ofMinutes(5));
        assertRefused(() -> codes.verify(attempt, sentCode()), CodeRefused.Reason.EXPIRED);
    }

    @Test
    void aNewCodeOnlyAfterTheCountdownAndItReplacesTheOld() {
        String attempt = attempt();
        codes.request(attempt, person, mobile, address);
        String first = sentCode();
        clock.advance(Duration.ofSeconds(59));
        assertRefused(() -> codes.request(attempt, person, mobile, address), CodeRefused.Reason.TOO_EARLY);
        clock.advance(Duration.ofSeconds(1));
        codes.request(attempt, person, mobile, address);
        String second = sentCode();
        if (!first.equals(second)) {
            assertRefused(() -> codes.verify(attempt, first), CodeRefused.Reason.WRONG);
        }
        assertThat(codes.verify(attempt, second)).isEqualTo(person);
    }

    @Test
    void anUnknownIdOrAnotherMobileGetsTheSameAnswerAndNoMessage() {
        NationalId stranger = NationalId.generate('Z', '2', PHONES.incrementAndGet() % 10_000_000);
        String a1 = attempt();
        String a2 = attempt();
        var unknown = codes.request(a1, stranger, mobile, address);
        var otherPhone = codes.request(a2, person, "0900000000".equals(mobile) ? "0900000001" : "0900000000", address);
        assertThat(outbox).isEmpty();
        assertThat(Duration.between(clock.instant(), unknown.expiresAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(Duration.between(clock.instant(), otherPhone.resendAfter())).isEqualTo(Duration.ofSeconds(60));
        // A guess is "wrong", exactly as for a real person.
        assertRefused(() -> codes.verify(a1, "123456"), CodeRefused.Reason.WRONG);
        assertRefused(() -> codes.verify(a2, "123456"), CodeRefused.Reason.WRONG);
    }

    @Test
    void atMostFiveRequestsAnHourPerPersonAndPhone() {
        for (int i = 0; i < 5; i++) {
            codes.request(attempt(), person, mobile, address);
            clock.advance(Duration.ofSeconds(61));
        }
        assertRefused(() -> codes.request(attempt(), person, mobile, address), CodeRefused.Reason.TOO_MANY);
        clock.advance(Duration.ofMinutes(61));
        codes.request(attempt(), person, mobile, address);
        assertThat(outbox).hasSize(6);
    }

    /** Nothing an outsider sends delays the real owner: invented numbers for the owner's ID count for themselves. */
    @Test
    void anOutsiderCannotBlockAPersonsSignInWithInventedNumbers() {
        String outsider = "203.0.113." + PHONES.incrementAndGet() % 250;
        for (int i = 0; i < 10; i++) {
            String invented = "09" + "%08d".formatted(PHONES.incrementAndGet() % 100_000_000);
            codes.request(attempt(), person, invented, outsider);
        }
        assertThat(outbox).isEmpty();
        // the owner, at once: a code, sent
        String attempt = attempt();
        codes.request(attempt, person, mobile, address);
        assertThat(outbox).hasSize(1);
        assertThat(codes.verify(attempt, sentCode())).isEqualTo(person);
    }

    @Test
    void aSecondPersonInTheSameBrowserDoesNotWaitForTheFirst() {
        String browser = attempt();
        codes.request(browser, person, mobile, address);
        NationalId colleague = NationalId.parse(fixtures.practitioner(fixtures.institution("63000")));
        String theirs = fixtures.ownMobile(colleague.value());
        codes.request(browser, colleague, theirs, address);
        assertThat(outbox).hasSize(2);
        assertThat(codes.verify(browser, sentCode())).isEqualTo(colleague);
    }

    @Test
    void requestsNotOnRecordAreBoundedPerAddressAndPerPhone() {
        // one address: a few an hour
        for (int i = 0; i < SmsCodes.MAX_UNMATCHED_PER_ADDRESS; i++) {
            NationalId nobody = NationalId.generate('Z', '1', PHONES.incrementAndGet() % 10_000_000);
            codes.request(attempt(), nobody, "09" + "%08d".formatted(PHONES.incrementAndGet() % 100_000_000), address);
        }
        NationalId another = NationalId.generate('Z', '2', PHONES.incrementAndGet() % 10_000_000);
        assertRefused(() -> codes.request(attempt(), another, mobile, address), CodeRefused.Reason.TOO_MANY);
        // the real owner from that address is not held back
        codes.request(attempt(), person, mobile, address);
        assertThat(outbox).hasSize(1);
        // one phone asked for by many IDs (from many addresses): five an hour
        String phone = "09" + "%08d".formatted(PHONES.incrementAndGet() % 100_000_000);
        for (int i = 0; i < SmsCodes.MAX_PER_HOUR; i++) {
            codes.request(attempt(), NationalId.generate('Z', '1', PHONES.incrementAndGet() % 10_000_000), phone,
                    "192.0.2." + i);
        }
        assertRefused(() -> codes.request(attempt(), NationalId.generate('Z', '1',
                PHONES.incrementAndGet() % 10_000_000), phone, "192.0.2.99"), CodeRefused.Reason.TOO_MANY);
    }

    @Test
    void aProviderFailureDoesNotChangeTheAnswer() {
        providerDown = true;
        var sent = codes.request(attempt(), person, mobile, address);
        assertThat(sent.expiresAt()).isAfter(clock.instant());
        assertThat(outbox).isEmpty();
    }

    @Test
    void codesAreSixDigitsAndVary() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            String a = attempt();
            NationalId id = NationalId.parse(fixtures.practitioner(fixtures.institution("63000")));
            String phone = "09" + "%08d".formatted(PHONES.incrementAndGet() % 100_000_000);
            jdbc.sql("update practitioner set mobile = ? where national_id = ?").params(phone, id.value()).update();
            codes.request(a, id, phone, address);
            assertThat(sentCode()).matches("\\d{6}");
            seen.add(sentCode());
        }
        assertThat(seen.size()).isGreaterThan(1);
    }

    @Test
    void aResentCodeCarriesANewReferenceSoTheProviderSendsIt() {
        String attempt = attempt();
        codes.request(attempt, person, mobile, address);
        clock.advance(Duration.ofSeconds(61));
        codes.request(attempt, person, mobile, address);
        assertThat(outbox).hasSize(2);
        assertThat(outbox.get(0)[2]).isNotEqualTo(outbox.get(1)[2]);
    }

    @Test
    void aSlowProviderDoesNotSlowTheAnswer() throws Exception {
        providerDelayMillis = 1_500;
        var slow = new SmsCodes(jdbc, tx, registry, (to, text, reference) -> {
            try {
                Thread.sleep(providerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            outbox.add(new String[] {to, text, reference});
            return "m";
        }, task -> new Thread(task).start(), clock);
        long start = System.nanoTime();
        slow.request(attempt(), person, mobile, address);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_000));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 1);
    }

    @Test
    void parallelRequestsCannotSlipPastTheHourlyLimit() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                // A different ID each time: only the per-phone limit stands between them and the phone.
                NationalId someone = NationalId.generate('Z', '1', PHONES.incrementAndGet() % 10_000_000);
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        codes.request(attempt(), someone, mobile, address);
                        return true;
                    } catch (CodeRefused e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int granted = 0;
            for (var f : results) {
                granted += f.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(SmsCodes.MAX_PER_HOUR);
        } finally {
            pool.shutdownNow();
        }
    }
}
