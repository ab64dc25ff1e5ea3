package tw.gov.mohw.support.testenv;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.support.IntegrationTest;

@IntegrationTest
class TestAccountsGuardTest {

    @Autowired JdbcClient jdbc;

    @Test
    void productionRefusesADatabaseWithTheTestEnvironmentsAccounts() {
        // the test environment seeded its published accounts into this database
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestAccountsGuard(jdbc).run(null))
                .hasMessageContaining("test environment's staff accounts");
    }
}
