package tw.gov.mohw.support.apiclient;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Texts;
import tw.gov.mohw.support.shared.Violation;

/**
 * The API clients an institution's clerk registers for the hospital's own systems: each acts for that institution
 * only, with the scopes it was given ({@link #SCOPES}). System administrators register the insurer's (健保署), which
 * read approved support nationwide and nothing else ({@code reports.read} only). A secret is shown once — when made
 * and when rotated — and stored only as an Argon2id hash; a revoked client gets no more tokens and its tokens are
 * refused.
 */
@Service
class ApiClients {

    /** What a client may be given: reading the institution's reports, and filing for its staff. */
    static final List<String> SCOPES = List.of("reports.read", "reports.file");
    static final int MAX_PER_MINUTE = 6000;
    static final int MAX_CLIENTS = 20;

    /**
     * A client secret is 256 random bits, so it is stored as its SHA-256: no dictionary or guessing can invert that,
     * and a slow password hash (Argon2id, bcrypt) would only make every request to the token endpoint — an open
     * door, with client ids that are no secret — cost tens of milliseconds of CPU to anyone who knocks. The
     * comparison is constant-time. The token endpoint checks secrets with this same encoder (see
     * {@code ApiClientSecurity}), so it never "upgrades" a stored hash.
     */
    static final PasswordEncoder SECRETS = new DelegatingPasswordEncoder("sha256", Map.of("sha256",
            new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return HexFormat.of().formatHex(sha256(raw));
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    return raw != null && encoded != null && java.security.MessageDigest.isEqual(sha256(raw),
                            HexFormat.of().parseHex(encoded));
                }
            }));

    private static byte[] sha256(CharSequence raw) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(raw.toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    enum Kind { INSTITUTION, INSURER }

    /** A client as its page lists it (never its secret). */
    record Client(long id, String clientId, Kind kind, String institutionCode, String name, Set<String> scopes,
            int perMinute, Instant createdAt, Instant secretSetAt, Instant revokedAt, Instant lastUsedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }

        /** The account its actions are recorded under: in history, audit and as the filer of what it files. */
        String account() {
            return "api-client:" + clientId;
        }

        /** The actor it is when it calls: its institution's clerk, or the insurer, under its own account. */
        Actor actor() {
            return kind == Kind.INSURER ? new Actor(Actor.Role.INSURER, account(), null, null, null)
                    : new Actor(Actor.Role.INSTITUTION, account(), null, institutionCode, null);
        }
    }

    /** A new or rotated secret, to be shown once. */
    record Issued(Client client, String secret) {
    }

    private final JdbcClient jdbc;
    private final ApiClientProperties properties;
    private final Clock clock;

    ApiClients(JdbcClient jdbc, ApiClientProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The clients the actor manages: their institution's, or (a system administrator) the insurer's. */
    List<Client> list(Actor actor) {
        requireManager(actor);
        return actor.is(Actor.Role.SYSTEM_ADMIN)
                ? jdbc.sql(SELECT + " where kind = 'INSURER' order by revoked_at nulls first, id desc")
                        .query((rs, n) -> client(rs)).list()
                : jdbc.sql(SELECT + " where institution_code = ? order by revoked_at nulls first, id desc")
                        .param(actor.institutionCode()).query((rs, n) -> client(rs)).list();
    }

    /** The scopes the actor may give: the insurer reads only. */
    static List<String> scopesFor(Actor actor) {
        return actor.is(Actor.Role.SYSTEM_ADMIN) ? List.of("reports.read") : SCOPES;
    }

    Issued create(Actor actor, String name, List<String> scopes, Integer perMinute) {
        requireManager(actor);
        Kind kind = actor.is(Actor.Role.SYSTEM_ADMIN) ? Kind.INSURER : Kind.INSTITUTION;
        List<Violation> problems = new ArrayList<>();
        String cleanName = Texts.isBlank(name) ? null : name.strip();
        if (cleanName == null) {
            problems.add(Violation.of("name", "apiclient.name.required"));
        } else if (cleanName.length() > 100) {
            problems.add(Violation.of("name", "apiclient.name.too.long", 100));
        }
        Set<String> given = new LinkedHashSet<>(scopes == null ? List.of() : scopes);
        if (given.isEmpty()) {
            problems.add(Violation.of("scopes", "apiclient.scopes.required"));
        } else if (!scopesFor(actor).containsAll(given)) {
            problems.add(Violation.of("scopes", "apiclient.scopes.unknown"));
        }
        int rate = perMinute == null ? properties.perMinute() : perMinute;
        if (rate < 1 || rate > MAX_PER_MINUTE) {
            problems.add(Violation.of("perMinute", "apiclient.rate.range", MAX_PER_MINUTE));
        }
        int active = jdbc.sql("select count(*) from api_client where kind = ? and institution_code is not distinct "
                + "from ? and revoked_at is null").params(kind.name(), actor.institutionCode()).query(Integer.class)
                .single();
        if (active >= MAX_CLIENTS) {
            problems.add(Violation.of(null, "apiclient.too.many", MAX_CLIENTS));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, problems);
        }
        String clientId = "cli_" + HexFormat.of().formatHex(bytes(12));
        String secret = secret();
        OffsetDateTime now = utc(clock.instant());
        long id = jdbc.sql("""
                insert into api_client (client_id, kind, institution_code, name, scopes, secret_hash, secret_set_at,
                    per_minute, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning id""")
                .params(clientId, kind.name(), kind == Kind.INSURER ? null : actor.institutionCode(), cleanName, String.join(" ", given), SECRETS.encode(secret),
                        now, rate, actor.account(), now)
                .query(Long.class).single();
        return new Issued(find(id).orElseThrow(), secret);
    }

    /** A new secret; the old one stops working at once (tokens already issued run out within their lifetime). */
    Issued rotate(Actor actor, long id) {
        Client client = own(actor, id);
        if (client.revoked()) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of(null, "apiclient.revoked"));
        }
        String secret = secret();
        jdbc.sql("update api_client set secret_hash = ?, secret_set_at = ? where id = ?")
                .params(SECRETS.encode(secret), utc(clock.instant()), id).update();
        return new Issued(find(id).orElseThrow(), secret);
    }

    void revoke(Actor actor, long id) {
        own(actor, id);
        jdbc.sql("update api_client set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(utc(clock.instant()), actor.account(), id).update();
    }

    /** The client named {@code clientId} while it is not revoked: what the token endpoint and the API ask. */
    Optional<Client> active(String clientId) {
        return jdbc.sql(SELECT + " where client_id = ? and revoked_at is null").param(clientId)
                .query((rs, n) -> client(rs)).optional();
    }

    /** The stored hash of an active client's secret, for the token endpoint. */
    Optional<String> secretHash(String clientId) {
        return jdbc.sql("select secret_hash from api_client where client_id = ? and revoked_at is null")
                .param(clientId).query(String.class).optional();
    }

    /**
     * Counts a request of {@code client} in this minute, on every node together; true while it is within its
     * limit. Also notes when the client was last used (at most once a minute: not one more write a request).
     */
    boolean admit(Client client) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int requests = jdbc.sql("""
                insert into api_client_usage (client_id, minute, requests) values (?, ?, 1)
                on conflict (client_id, minute) do update set requests = api_client_usage.requests + 1
                returning requests""").params(client.clientId(), utc(minute)).query(Integer.class).single();
        if (requests == 1) {
            jdbc.sql("update api_client set last_used_at = ? where client_id = ?").params(utc(now), client.clientId())
                    .update();
        }
        return requests <= client.perMinute();
    }

    /** Seconds until the next minute, when a client over its limit may try again. */
    long retryAfter() {
        Instant now = clock.instant();
        return Math.max(1, Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60)).toSeconds());
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetOldUsage() {
        jdbc.sql("delete from api_client_usage where minute < ?").param(utc(clock.instant().minus(Duration.ofHours(1))))
                .update();
    }

    private Client own(Actor actor, long id) {
        requireManager(actor);
        return find(id).filter(c -> actor.is(Actor.Role.SYSTEM_ADMIN) ? c.kind() == Kind.INSURER
                        : actor.institutionCode().equals(c.institutionCode()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                        Violation.of(null, "apiclient.not.found")));
    }

    private Optional<Client> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query((rs, n) -> client(rs)).optional();
    }

    private static final String SELECT = """
            select id, client_id, kind, institution_code, name, scopes, per_minute, created_at, secret_set_at,
                   revoked_at, last_used_at from api_client""";

    private static Client client(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Client(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), new LinkedHashSet<>(Arrays.asList(rs.getString(6).split(" "))), rs.getInt(7),
                instant(rs, 8), instant(rs, 9), instant(rs, 10), instant(rs, 11));
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static void requireManager(Actor actor) {
        // a client cannot make clients: only a clerk signed in with the institution's card, or a system administrator
        if (!(actor.is(Actor.Role.INSTITUTION) && !actor.account().startsWith("api-client:"))
                && !actor.is(Actor.Role.SYSTEM_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "apiclient.forbidden"));
        }
    }

    /** 256 random bits, base64url: long enough that a fast hash would do, though Argon2id is what keeps it. */
    private static String secret() {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
