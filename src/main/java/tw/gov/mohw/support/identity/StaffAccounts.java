package tw.gov.mohw.support.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.shared.Texts;

/**
 * Accounts of health-bureau and ministry staff. A bureau's administrator creates and disables its reviewers; a
 * system administrator any account. Disabling ends the account's sessions at once. Staff sign in strongly: password
 * and authenticator code, or their own HPC card.
 */
@Component
public class StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Argon2id with OWASP's minimum cost (19 MiB, 2 passes): unlike bcrypt it takes a password whole whatever its
     * length in bytes (bcrypt stops at 72, which a 25-character Chinese password passes), so long and non-ASCII
     * passwords are verified exactly as typed (ASVS 6.2.8, 6.2.9). Hashes made with bcrypt before still verify and
     * are replaced at the next successful sign-in.
     */
    static final PasswordEncoder PASSWORDS = new DelegatingPasswordEncoder("argon2", Map.of(
            "argon2", new Argon2PasswordEncoder(16, 32, 1, 19_456, 2), "bcrypt", new BCryptPasswordEncoder()));
    // A hash to compare against when the account does not exist, so timing does not tell.
    private static final String ABSENT = PASSWORDS.encode("absent");

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Sessions sessions;
    private final SignInLockout lockout;
    private final Clock clock;
    private final PasswordEncoder passwords = PASSWORDS;

    StaffAccounts(JdbcClient jdbc, Registry registry, Sessions sessions, SignInLockout lockout, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.sessions = sessions;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** An account as an administrator sees it. */
    public record Account(String username, Actor.Role role, String bureauCode, String displayName, String nationalId,
            boolean enabled) {
    }

    /** What an administrator asks for. */
    public record NewAccount(String username, Actor.Role role, String bureauCode, String displayName,
            String nationalId) {
    }

    /** Shown once to the administrator, who hands it to the new colleague; never stored in the clear. */
    public record Credentials(String username, String initialPassword, String totpSecret, String otpauthUri) {
    }

    @Transactional
    public Credentials create(Actor by, NewAccount request) {
        String bureau = request.role() == Actor.Role.REVIEWER || request.role() == Actor.Role.BUREAU_ADMIN
                ? request.bureauCode() : null;
        mayManage(by, request.role(), bureau);
        List<Violation> problems = new java.util.ArrayList<>();
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            problems.add(Violation.of("username", "staff.username.invalid"));
        }
        if (Texts.isBlank(request.displayName()) || request.displayName().length() > 50) {
            problems.add(Violation.of("displayName", "staff.displayName.invalid"));
        }
        if (bureau != null && registry.bureau(bureau).isEmpty()) {
            problems.add(Violation.of("bureauCode", "staff.bureau.unknown"));
        }
        String nationalId = null;
        if (request.nationalId() != null && !request.nationalId().isBlank()) {
            if (!NationalId.isValid(request.nationalId())) {
                problems.add(Violation.of("nationalId", "id.national.invalid"));
            } else {
                nationalId = NationalId.parse(request.nationalId()).value();
            }
        } else if (decides(request.role())) {
            // separation of duties is checked against it: a reviewer without one could decide their own report
            problems.add(Violation.of("nationalId", "staff.nationalId.required"));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, problems);
        }
        String password = password();
        byte[] secret = Totp.newSecret();
        requireUnused(nationalId);
        if (!insert(by, request, bureau, nationalId, password, secret, true)) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of("username", "staff.username.taken"));
        }
        return new Credentials(request.username(), password, Totp.base32(secret), Totp.uri(request.username(), secret));
    }

    /**
     * TEST ENVIRONMENT AND TESTS ONLY: an account with a known password and authenticator secret, unless the
     * username is taken. Returns whether it was created.
     */
    public boolean createKnown(NewAccount request, String password, byte[] totpSecret) {
        return createAs(Actor.staff(Actor.Role.SYSTEM_ADMIN, "test-environment", null, null), request, password,
                totpSecret);
    }

    /**
     * TEST ENVIRONMENT ONLY: gives a seeded account the national ID it is published with, when an earlier version
     * seeded it with another (or none).
     */
    public void restoreKnownNationalId(String username, String nationalId) {
        jdbc.sql("update staff_account set national_id = ? where username = ? and national_id is distinct from ?")
                .params(nationalId, username, nationalId).update();
    }

    /** An account made by the system itself ({@code by}), without the first-sign-in change. */
    boolean createAs(Actor by, NewAccount request, String password, byte[] totpSecret) {
        return insert(by, request, request.bureauCode(), request.nationalId(), password, totpSecret, false);
    }

    private boolean insert(Actor by, NewAccount request, String bureau, String nationalId, String password,
            byte[] secret, boolean mustChange) {
        return jdbc.sql("""
                insert into staff_account (username, role, bureau_code, display_name, national_id, password_hash,
                  totp_secret, created_by, created_at, must_change)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(request.username(), request.role().name(), bureau, request.displayName().strip(), nationalId,
                        passwords.encode(password), secret, by.account(), clock.instant().atOffset(ZoneOffset.UTC),
                        mustChange)
                .update() == 1;
    }

    /**
     * The first sign-in of an account an administrator made: the holder, already past password and code, sets a
     * password of their own and enrols a new authenticator secret (proved by a code from it). Returns what is wrong,
     * or nothing when done.
     */
    @Transactional
    public List<Violation> replaceCredentials(String username, String newPassword, String repeated, byte[] newSecret,
            String code) {
        List<Violation> problems = new java.util.ArrayList<>(StaffPasswords.check(username, newPassword, repeated));
        OptionalLong step = Totp.match(newSecret, code, clock.instant());
        if (step.isEmpty()) {
            problems.add(Violation.of("code", "staff.code.wrong"));
        }
        String old = jdbc.sql("select password_hash from staff_account where username = ? and must_change and enabled")
                .param(username).query(String.class).optional().orElse(null);
        if (old == null) {
            return List.of(Violation.of(null, "staff.notFound"));
        }
        if (problems.isEmpty() && passwords.matches(newPassword, old)) {
            problems.add(Violation.of("password", "staff.password.same"));
        }
        if (problems.isEmpty()) {
            jdbc.sql("""
                    update staff_account set password_hash = ?, totp_secret = ?, last_totp_step = ?, must_change = false
                     where username = ?""")
                    .params(passwords.encode(newPassword), newSecret, step.getAsLong(), username).update();
        }
        return problems;
    }

    /**
     * The holder changes their own password, giving the current one; their other sessions end (the one they are
     * using stays). Returns what is wrong, or nothing when done.
     */
    @Transactional
    public List<Violation> changePassword(Actor holder, String current, String newPassword, String repeated,
            String keepSessionId) {
        String username = holder.account().substring("staff:".length());
        String stored = jdbc.sql("select password_hash from staff_account where username = ? and enabled")
                .param(username).query(String.class).optional().orElse(ABSENT);
        if (!passwords.matches(current == null ? "" : current, stored)) {
            return List.of(Violation.of("current", "staff.password.current.wrong"));
        }
        List<Violation> problems = new java.util.ArrayList<>(StaffPasswords.check(username, newPassword, repeated));
        if (problems.isEmpty() && passwords.matches(newPassword, stored)) {
            problems.add(Violation.of("password", "staff.password.same"));
        }
        if (problems.isEmpty()) {
            jdbc.sql("update staff_account set password_hash = ? where username = ?")
                    .params(passwords.encode(newPassword), username).update();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sessions.endOthers(holder, keepSessionId);
                }
            });
        }
        return problems;
    }

    /**
     * An administrator resets a colleague's password (forgotten, or perhaps known to someone else): a new initial
     * password and a new authenticator secret, shown once to the administrator, both to be replaced at the next
     * sign-in, and every session of the account ended.
     */
    @Transactional
    public Credentials reset(Actor by, String username) {
        if (!by.is(Actor.Role.SYSTEM_ADMIN, Actor.Role.BUREAU_ADMIN)) {
            throw forbidden();
        }
        Account account = find(username).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                List.of(Violation.of(null, "staff.notFound"))));
        mayManage(by, account.role(), account.bureauCode());
        String password = password();
        byte[] secret = Totp.newSecret();
        jdbc.sql("""
                update staff_account set password_hash = ?, totp_secret = ?, last_totp_step = 0, must_change = true
                 where username = ?""")
                .params(passwords.encode(password), secret, username).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endAll(actor(account));
            }
        });
        return new Credentials(username, password, Totp.base32(secret), Totp.uri(username, secret));
    }

    /** Roles whose holders decide reports: their accounts carry the holder's national ID. */
    public static boolean decides(Actor.Role role) {
        return role == Actor.Role.REVIEWER || role == Actor.Role.BUREAU_ADMIN;
    }

    private void requireUnused(String nationalId) {
        if (nationalId != null && jdbc.sql("select exists (select 1 from staff_account where national_id = ?)")
                .param(nationalId).query(Boolean.class).single()) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of("nationalId", "staff.nationalId.taken"));
        }
    }

    /**
     * Completes an account made without its holder's national ID (before one was required), which until then
     * decides nothing. Set once: a wrong one is corrected by a new account, so nobody can move an account's identity
     * away from a report it must not decide. The account's sessions end, so its next sign-in carries the ID.
     */
    @Transactional
    public void completeNationalId(Actor by, String username, String nationalId) {
        if (!by.is(Actor.Role.SYSTEM_ADMIN, Actor.Role.BUREAU_ADMIN)) {
            throw forbidden();
        }
        Account account = find(username).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                List.of(Violation.of(null, "staff.notFound"))));
        mayManage(by, account.role(), account.bureauCode());
        if (account.nationalId() != null) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of("nationalId", "staff.nationalId.set"));
        }
        if (nationalId == null || !NationalId.isValid(nationalId.strip())) {
            throw DomainException.invalid("nationalId", "id.national.invalid");
        }
        String id = NationalId.parse(nationalId.strip()).value();
        requireUnused(id);
        jdbc.sql("update staff_account set national_id = ? where username = ? and national_id is null")
                .params(id, username).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endAll(actor(account));
            }
        });
    }

    /** Disables the account and ends all its sessions. */
    @Transactional
    public void disable(Actor by, String username) {
        if (!by.is(Actor.Role.SYSTEM_ADMIN, Actor.Role.BUREAU_ADMIN)) {
            throw forbidden(); // before looking: others learn nothing about which accounts exist
        }
        Account account = find(username).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                List.of(Violation.of(null, "staff.notFound"))));
        mayManage(by, account.role(), account.bureauCode());
        if (by.account().equals(actor(account).account())) {
            throw new DomainException(DomainException.Kind.INVALID, List.of(Violation.of(null, "staff.disable.self")));
        }
        jdbc.sql("update staff_account set enabled = false, disabled_by = ?, disabled_at = ? where username = ?")
                .params(by.account(), clock.instant().atOffset(ZoneOffset.UTC), username).update();
        // after the commit: a sign-in racing with this one sees the account disabled, or has its session ended here
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endAll(actor(account));
            }
        });
    }

    /** The accounts an administrator manages: their bureau's, or all for a system administrator. */
    public List<Account> manageable(Actor by) {
        if (by.is(Actor.Role.SYSTEM_ADMIN)) {
            return jdbc.sql("select * from staff_account order by bureau_code nulls first, username").query(this::map)
                    .list();
        }
        if (by.is(Actor.Role.BUREAU_ADMIN)) {
            return jdbc.sql("select * from staff_account where bureau_code = ? order by username")
                    .param(by.bureauCode()).query(this::map).list();
        }
        throw forbidden();
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("select * from staff_account where username = ?").param(username).query(this::map).optional();
    }

    /** Why a staff sign-in fails; the user is told only "wrong" or "locked", never which part was wrong. */
    public enum Refusal {
        WRONG, LOCKED, DISABLED,
        /** Right, but the account still has the credentials its administrator saw: new ones first. */
        MUST_CHANGE
    }

    /** The outcome of a staff sign-in: the actor, or why not. */
    public record SignInResult(Actor actor, Refusal refusal) {
    }

    /**
     * Password and authenticator code; each code works once. Five failures in 15 minutes from one address lock that
     * account there for 15 (counted per address, so nobody can lock an administrator out from elsewhere; the
     * password and the code together leave a guesser no useful number of tries).
     */
    public SignInResult signIn(String username, String password, String code, String address) {
        String subject = "staff:" + (username == null ? "" : username) + "@" + address;
        var attempt = lockout.attempt(subject, () -> verify(username, password, code),
                result -> result.refusal() == Refusal.WRONG);
        return attempt.locked() ? new SignInResult(null, Refusal.LOCKED) : attempt.result();
    }

    private SignInResult verify(String username, String password, String code) {
        var row = username == null ? Optional.<Stored>empty()
                : jdbc.sql("select * from staff_account where username = ?").param(username)
                        .query((rs, n) -> new Stored(map(rs, n), rs.getString("password_hash"),
                                rs.getBytes("totp_secret"), rs.getBoolean("must_change")))
                        .optional();
        boolean passwordOk = passwords.matches(password == null ? "" : password,
                row.map(Stored::passwordHash).orElse(ABSENT));
        OptionalLong step = row.isPresent() ? Totp.match(row.get().secret(), code, clock.instant()) : OptionalLong.empty();
        if (row.isEmpty() || !passwordOk || step.isEmpty()) {
            return new SignInResult(null, Refusal.WRONG);
        }
        // a code is good once: its step must be later than the last one used; a disabled account uses none
        int fresh = jdbc.sql("""
                update staff_account set last_totp_step = ? where username = ? and last_totp_step < ? and enabled""")
                .params(step.getAsLong(), username, step.getAsLong()).update();
        if (fresh == 0) {
            return new SignInResult(null, row.get().account().enabled() ? Refusal.WRONG : Refusal.DISABLED);
        }
        if (passwords.upgradeEncoding(row.get().passwordHash())) {
            jdbc.sql("update staff_account set password_hash = ? where username = ?")
                    .params(passwords.encode(password), username).update();
        }
        return new SignInResult(actor(row.get().account()), row.get().mustChange() ? Refusal.MUST_CHANGE : null);
    }

    /** The enabled staff account of the person holding this HPC card, if any. */
    public Optional<Actor> byNationalId(String nationalId) {
        return jdbc.sql("select * from staff_account where national_id = ? and enabled").param(nationalId)
                .query(this::map).optional().map(StaffAccounts::actor);
    }

    static Actor actor(Account a) {
        return Actor.staff(a.role(), a.username(), a.bureauCode(), a.nationalId());
    }

    private static void mayManage(Actor by, Actor.Role role, String bureau) {
        boolean allowed = by.is(Actor.Role.SYSTEM_ADMIN)
                || by.is(Actor.Role.BUREAU_ADMIN) && role == Actor.Role.REVIEWER && by.bureauCode().equals(bureau);
        if (!allowed) {
            throw forbidden();
        }
    }

    private static DomainException forbidden() {
        return new DomainException(DomainException.Kind.FORBIDDEN, List.of(Violation.of(null, "staff.forbidden")));
    }

    private static String password() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            s.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return s.toString();
    }

    private Account map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Account(rs.getString("username"), Actor.Role.valueOf(rs.getString("role")),
                rs.getString("bureau_code"), rs.getString("display_name"), rs.getString("national_id"),
                rs.getBoolean("enabled"));
    }

    private record Stored(Account account, String passwordHash, byte[] secret, boolean mustChange) {
    }
}
