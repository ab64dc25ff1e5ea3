package tw.gov.mohw.support.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;

/**
 * A new deployment's first system administrator, who then creates every other account. Named by configuration
 * ({@code support.staff.first-admin.username} and {@code .national-id}); made only while no system administrator
 * exists, and able to sign in only with their own HPC card, so no password ever passes through configuration or logs.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    @ConfigurationProperties("support.staff.first-admin")
    record Properties(String username, String nationalId) {
    }

    private final Properties properties;
    private final StaffAccounts accounts;
    private final JdbcClient jdbc;

    FirstAdministrator(Properties properties, StaffAccounts accounts, JdbcClient jdbc) {
        this.properties = properties;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.username() == null || properties.nationalId() == null) {
            return;
        }
        boolean exists = jdbc.sql("select exists (select 1 from staff_account where role = 'SYSTEM_ADMIN')")
                .query(Boolean.class).single();
        if (exists) {
            return;
        }
        // a password nobody knows: the HPC card is the only way in
        accounts.createAs(Actor.staff(Actor.Role.SYSTEM_ADMIN, "configuration", null, null),
                new StaffAccounts.NewAccount(properties.username(), Actor.Role.SYSTEM_ADMIN, null, "系統管理者",
                        NationalId.parse(properties.nationalId()).value()), SignInAttempt.random(), Totp.newSecret());
        log.info("Created the first system administrator '{}' (signs in with their HPC card)", properties.username());
    }
}
