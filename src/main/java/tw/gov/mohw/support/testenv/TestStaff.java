package tw.gov.mohw.support.testenv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.identity.Totp;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.shared.Actor;

/**
 * TEST ENVIRONMENT ONLY: staff accounts with a published password and authenticator secret, so a tester can sign in
 * as a reviewer, a bureau administrator, the ministry or a system administrator. The test-environment page shows
 * each account's current authenticator code.
 */
public class TestStaff {

    public static final String PASSWORD = "Test-Staff-2026";

    /**
     * A seeded account, with its holder's national ID: one that no synthetic practitioner has (the generator never
     * uses the letter Q), so the staff who decide are never the subject of a report they see.
     */
    public record Seeded(String username, Actor.Role role, String bureauCode, String displayName, String nationalId) {

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
            new Seeded("admin-63000", Actor.Role.BUREAU_ADMIN, "63000", "臺北市政府衛生局 管理者", id(1)),
            new Seeded("reviewer-63000", Actor.Role.REVIEWER, "63000", "臺北市政府衛生局 審核人員", id(2)),
            new Seeded("reviewer-65000", Actor.Role.REVIEWER, "65000", "新北市政府衛生局 審核人員", id(3)),
            new Seeded("moh-viewer", Actor.Role.NATIONAL_VIEWER, null, "衛生福利部 檢視人員", id(4)),
            new Seeded("sysadmin", Actor.Role.SYSTEM_ADMIN, null, "系統管理者", id(5)));

    /** The account whose holder's HPC card is in the simulated readers (staff sign-in by card). */
    static final Seeded CARD_HOLDER = ACCOUNTS.get(1);

    private static String id(int n) {
        return NationalId.generate('Q', '8', 6_300_000 + n).value();
    }

    private final StaffAccounts accounts;

    TestStaff(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    public List<Seeded> accounts() {
        return ACCOUNTS;
    }

    void seed() {
        for (Seeded s : ACCOUNTS) {
            if (!accounts.createKnown(new StaffAccounts.NewAccount(s.username(), s.role(), s.bureauCode(),
                    s.displayName(), s.nationalId()), PASSWORD, s.secret())) {
                accounts.restoreKnownNationalId(s.username(), s.nationalId());
            }
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
