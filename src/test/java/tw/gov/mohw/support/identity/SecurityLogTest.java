package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.identity.SecurityLog.Kind;
import tw.gov.mohw.support.identity.SecurityLog.Outcome;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class SecurityLogTest {

    @Autowired SecurityLog log;
    @Autowired JdbcClient jdbc;

    @Test
    void aSignInAttemptIsRecordedWithMethodReasonAddressAndTime() {
        log.record(Kind.SIGN_IN, "HCA", Outcome.FAILURE, "REVOKED", "A123456789", "127.0.0.1", "Mozilla/5.0");
        var events = log.about("A123456789", 10);
        assertThat(events).isNotEmpty();
        var e = events.get(0);
        assertThat(e.kind()).isEqualTo(Kind.SIGN_IN);
        assertThat(e.method()).isEqualTo("HCA");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.reason()).isEqualTo("REVOKED");
        assertThat(e.subject()).isEqualTo("A12345****");
        assertThat(e.ip()).isEqualTo("127.0.0.1");
        assertThat(e.at()).isNotNull();
    }

    @Test
    void noIdCodeOrNumberStaysReadable() {
        String account = "staff:" + UUID.randomUUID().toString().substring(0, 8);
        log.record(Kind.ACCESS_REFUSED, "NHI_NO_CARD", Outcome.FAILURE,
                "wrong code 123456 for B123456780 card 000012345678\nforged line", account, "::1",
                "agent\r\nX-Injected: yes");
        long leaks = jdbc.sql("""
                select count(*) from security_event
                 where reason like '%123456%' or reason like '%B123456780%' or reason like '%000012345678%'
                    or reason like '%' || chr(10) || '%' or user_agent like '%' || chr(13) || '%'""")
                .query(Long.class).single();
        assertThat(leaks).isZero();
        var e = log.about(account, 1).get(0);
        assertThat(e.reason()).isEqualTo("wrong code ****** for B12345**** card ****** forged line");
        assertThat(e.userAgent()).isEqualTo("agent X-Injected: yes");
    }

    @Test
    void fieldsAreBounded() {
        String account = "staff:bounded-" + UUID.randomUUID().toString().substring(0, 6);
        log.record(Kind.SIGN_IN, "X".repeat(500), Outcome.SUCCESS, "r".repeat(5000), account, "1".repeat(10) + "x",
                "u".repeat(10_000));
        var e = log.about(account, 1).get(0);
        assertThat(e.method()).hasSize(40);
        assertThat(e.reason()).hasSize(200);
        assertThat(e.userAgent()).hasSize(300);
    }

    @Test
    void anInstitutionCodeOrAccountIsKeptReadable() {
        log.record(Kind.SIGN_IN, "HCA", Outcome.SUCCESS, null, "0101090517", "127.0.0.1", null);
        assertThat(log.about("0101090517", 1)).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo("0101090517"));
    }
}
