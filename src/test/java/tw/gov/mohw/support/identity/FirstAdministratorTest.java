package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.identity.hca.CardType;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.support.IntegrationTest;
import tw.gov.mohw.support.support.SignIns;

@IntegrationTest
class FirstAdministratorTest {

    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired SignIns signIns;

    @Test
    void aNewDeploymentGetsOneSystemAdministratorWhoSignsInWithTheirCard() {
        // a deployment without any system administrator (other tests' accounts come back when they sign in again)
        jdbc.sql("delete from staff_account where role = 'SYSTEM_ADMIN'").update();
        String id = NationalId.generate('Z', '2', 4_242_424).value();
        new FirstAdministrator(new FirstAdministrator.Properties("first-admin", id), accounts, jdbc).run(null);
        new FirstAdministrator(new FirstAdministrator.Properties("second-admin", id), accounts, jdbc).run(null);
        assertThat(jdbc.sql("select username from staff_account where role = 'SYSTEM_ADMIN'").query(String.class)
                .list()).containsExactly("first-admin");
        var answer = signIns.signInWithCard(signIns.anonymous(), signIns.card(CardType.HPC, id), true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(signIns.call(signIns.signedIn(answer), "GET", "/api/v1/session", null).body())
                .contains("SYSTEM_ADMIN");
    }
}
