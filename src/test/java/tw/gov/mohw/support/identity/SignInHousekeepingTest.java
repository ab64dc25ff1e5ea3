package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class SignInHousekeepingTest {

    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void whatNoLimitReadsAnyMoreIsRemovedAndTheRestKept() {
        jdbc.sql("""
                insert into login_challenge (attempt_id, challenge, created_at, expires_at)
                values ('hk-old', '\\x01', now() - interval '2 days', now() - interval '2 days'),
                       ('hk-new', '\\x01', now(), now() + interval '2 minutes')""").update();
        jdbc.sql("""
                insert into sms_code_request (national_id, mobile, at)
                values ('Q100000001', '0900000001', now() - interval '2 days'),
                       ('Q100000002', '0900000002', now())""").update();
        jdbc.sql("""
                insert into sign_in_failure (subject, at)
                values ('hk:old', now() - interval '2 days'), ('hk:new', now())""").update();
        new SignInHousekeeping(jdbc, clock).purge();
        assertThat(jdbc.sql("select attempt_id from login_challenge where attempt_id like 'hk-%'").query(String.class)
                .list()).containsExactly("hk-new");
        assertThat(jdbc.sql("select national_id from sms_code_request where mobile in ('0900000001', '0900000002')")
                .query(String.class).list()).containsExactly("Q100000002");
        assertThat(jdbc.sql("select subject from sign_in_failure where subject like 'hk:%'").query(String.class).list())
                .containsExactly("hk:new");
    }
}
