package tw.gov.mohw.support.testenv;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Production refuses to run on a database that holds the test environment's staff accounts: their passwords and
 * authenticator secrets are published, and turning the test environment off does not remove them.
 */
@Component
@Profile("production")
class TestAccountsGuard implements ApplicationRunner {

    static final String TEST_CREATOR = "staff:test-environment";

    private final JdbcClient jdbc;

    TestAccountsGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean found = jdbc.sql("select exists (select 1 from staff_account where created_by = ? and enabled)")
                .param(TEST_CREATOR).query(Boolean.class).single();
        if (found) {
            throw new IllegalStateException("The database holds the test environment's staff accounts (created_by = '"
                    + TEST_CREATOR + "'): disable or remove them before running in production");
        }
    }
}
