package tw.gov.mohw.support.identity.testenv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.identity.Totp;
import tw.gov.mohw.support.shared.Actor;

/**
 * TEST ENVIRONMENT ONLY: staff accounts with a published password and authenticator secret, so a tester can sign in
 * as a reviewer, a bureau administrator, the ministry or a system administrator. The test-environment page shows
 * each account's current authenticator code.
 */
public class TestStaff {

    public static final String PASSWORD = "Test-Staff-2026";

    /** A seeded account. */
    public record Seeded(String username, Actor.Role role, String bureauCode, String displayName) {

        public byte[] secret() {
            return TestStaff.secret(username);
        }

        public String currentCode() {
            return Totp.code(secret(), Instant.now());
        }

        public String base32Secret() {
            return Totp.base32(secret());
        }
    }

    static final List<Seeded> ACCOUNTS = List.of(
            new Seeded("admin-63000", Actor.Role.BUREAU_ADMIN, "63000", "臺北市政府衛生局 管理者"),
            new Seeded("reviewer-63000", Actor.Role.REVIEWER, "63000", "臺北市政府衛生局 審核人員"),
            new Seeded("reviewer-65000", Actor.Role.REVIEWER, "65000", "新北市政府衛生局 審核人員"),
            new Seeded("moh-viewer", Actor.Role.NATIONAL_VIEWER, null, "衛生福利部 檢視人員"),
            new Seeded("sysadmin", Actor.Role.SYSTEM_ADMIN, null, "系統管理者"));

    private final StaffAccounts accounts;

    TestStaff(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    public List<Seeded> accounts() {
        return ACCOUNTS;
    }

    /** {@code reviewerNationalId}: the person whose HPC card signs in as reviewer-63000. */
    void seed(String reviewerNationalId) {
        for (Seeded s : ACCOUNTS) {
            accounts.createKnown(new StaffAccounts.NewAccount(s.username(), s.role(), s.bureauCode(), s.displayName(),
                    s.username().equals("reviewer-63000") ? reviewerNationalId : null), PASSWORD, s.secret());
        }
    }

    /** A fixed secret per account (test environment only), so an authenticator app set up once keeps working. */
    static byte[] secret(String username) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                    .digest(("test-environment-totp:" + username).getBytes(StandardCharsets.UTF_8)), 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
