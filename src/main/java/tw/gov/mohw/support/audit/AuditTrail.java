package tw.gov.mohw.support.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The business audit trail: append-only (the database refuses updates and deletes) and hash-chained, so an entry
 * edited or removed behind the application's back is found by {@link #verify()}.
 *
 * <p>Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields; {@code audit_head}
 * holds the newest id and hash, so removing the newest entries is found too.
 *
 * <p>An action writes its entries ({@link #record}) in its own transaction, into {@code audit_inbox}: one insert, no
 * lock, so the entry exists exactly when the action does. {@link AuditChainer} then moves them into the chain
 * ({@link #chainPending}), many in one transaction: appends serialize on the head row, and a batch takes it once.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    AuditTrail(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One entry as stored. */
    public record Entry(long id, Instant at, String actor, String action, String subject, String details) {
    }

    /** The outcome of a verification: intact, or the first entry where the chain breaks and why. */
    public record Verification(boolean intact, long entriesChecked, Long brokenAt, String problem) {
    }

    /** What to record: who did what to which subject, when. */
    public record NewEntry(Instant at, String actor, String action, String subject, String details) {
    }

    /**
     * Records entries in the caller's transaction (its own when there is none), to be chained after commit: what
     * an action's own transaction must hold, so that an action committed is an action audited, with no second
     * commit on its way.
     */
    @Transactional
    public void record(List<NewEntry> entries) {
        // one statement however many entries: the driver sends the batch as one multi-row insert
        batch.batchUpdate("insert into audit_inbox (at, actor, action, subject, details) values (?, ?, ?, ?, ?)",
                entries.stream().map(e -> new Object[] {e.at().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                        e.actor(), e.action(), e.subject(), e.details()}).toList());
    }

    /**
     * Moves up to {@code max} recorded entries, oldest first, into the chain in one transaction; how many. Rows
     * another node is moving are skipped, and an empty inbox takes no lock.
     */
    @Transactional
    public int chainPending(int max) {
        List<NewEntry> pending = jdbc.sql("""
                delete from audit_inbox where id in
                  (select id from audit_inbox order by id limit ? for update skip locked)
                returning id, at, actor, action, subject, details""")
                .param(max)
                .query((rs, n) -> java.util.Map.entry(rs.getLong(1), new NewEntry(rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))))
                .list().stream().sorted(java.util.Map.Entry.comparingByKey()).map(java.util.Map.Entry::getValue)
                .toList();
        if (!pending.isEmpty()) {
            append(pending);
        }
        return pending.size();
    }

    /** Entries recorded and not yet chained (a gauge: growing means the chainer fails or lags). */
    public long backlog() {
        return jdbc.sql("select count(*) from audit_inbox").query(Long.class).single();
    }

    /** Appends one entry to the chain at once (what {@link #record} does a moment later). */
    @Transactional
    public Entry append(Instant at, String actor, String action, String subject, String details) {
        return append(List.of(new NewEntry(at, actor, action, subject, details))).get(0);
    }

    /**
     * Appends entries in order, in one transaction. Appends serialize on the head row, which keeps the chain
     * linear; several entries of one event take that lock once.
     */
    @Transactional
    public List<Entry> append(List<NewEntry> entries) {
        Head head = jdbc.sql("select last_id, last_hash from audit_head where singleton for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        long id = head.lastId();
        byte[] previous = head.lastHash();
        List<Entry> written = new java.util.ArrayList<>(entries.size());
        List<Object[]> rows = new java.util.ArrayList<>(entries.size());
        for (NewEntry e : entries) {
            id++;
            Instant when = e.at().truncatedTo(ChronoUnit.MICROS);
            byte[] hash = hash(previous, id, when, e.actor(), e.action(), e.subject(), e.details());
            rows.add(new Object[] {id, when.atOffset(ZoneOffset.UTC), e.actor(), e.action(), e.subject(), e.details(),
                    previous, hash});
            written.add(new Entry(id, when, e.actor(), e.action(), e.subject(), e.details()));
            previous = hash;
        }
        // one statement for the whole batch (reWriteBatchedInserts)
        batch.batchUpdate("""
                insert into audit_entry (id, at, actor, action, subject, details, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbc.sql("update audit_head set last_id = ?, last_hash = ? where singleton").params(id, previous).update();
        return written;
    }

    /**
     * One subject's entries in the order things happened. Entries are chained after their actions commit, in
     * batches, so the chain's order (id) may differ slightly from the order of events (at).
     */
    public List<Entry> forSubject(String subject) {
        return jdbc.sql("select * from audit_entry where subject = ? order by at, id").param(subject)
                .query(AuditTrail::entry).list();
    }

    /**
     * 稽核紀錄查詢: the newest entries whose subject or actor is exactly {@code text} (a case number, an account),
     * or the newest of all when it is blank; at most {@code limit}.
     */
    public List<Entry> search(String text, int limit) {
        int n = Math.max(1, Math.min(limit, 200));
        if (text == null || text.isBlank()) {
            return jdbc.sql("select * from audit_entry order by id desc limit ?").param(n).query(AuditTrail::entry)
                    .list();
        }
        return jdbc.sql("select * from audit_entry where subject = ? or actor = ? order by id desc limit ?")
                .params(text.strip(), text.strip(), n).query(AuditTrail::entry).list();
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject"), rs.getString("details"));
    }

    /**
     * Walks the whole chain in id order, recomputing every hash; reads in pages, never the whole table at once.
     * One snapshot for all pages and the head, so entries appended meanwhile are not mistaken for tampering.
     */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Verification verify() {
        byte[] previous = new byte[0];
        long expectedId = 1;
        long checked = 0;
        while (true) {
            List<Stored> page = jdbc.sql("select * from audit_entry where id >= ? order by id limit 5000")
                    .param(expectedId)
                    .query((rs, n) -> new Stored(rs.getLong("id"), rs.getTimestamp("at"), rs.getString("actor"),
                            rs.getString("action"), rs.getString("subject"), rs.getString("details"),
                            rs.getBytes("prev_hash"), rs.getBytes("hash")))
                    .list();
            for (Stored s : page) {
                if (s.id() != expectedId) {
                    return new Verification(false, checked, expectedId, "missing entry");
                }
                if (!Arrays.equals(s.prevHash(), previous)) {
                    return new Verification(false, checked, s.id(), "chain broken: previous hash does not match");
                }
                byte[] recomputed = hash(previous, s.id(), s.at().toInstant(), s.actor(), s.action(), s.subject(),
                        s.details());
                if (!Arrays.equals(recomputed, s.hash())) {
                    return new Verification(false, checked, s.id(), "content altered: hash does not match");
                }
                previous = s.hash();
                expectedId++;
                checked++;
            }
            if (page.size() < 5000) {
                break;
            }
        }
        Head head = jdbc.sql("select last_id, last_hash from audit_head where singleton")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        if (head.lastId() != checked || !Arrays.equals(head.lastHash(), previous)) {
            return new Verification(false, checked, checked + 1, "newest entries missing");
        }
        return new Verification(true, checked, null, null);
    }


    static byte[] hash(byte[] previous, long id, Instant at, String actor, String action, String subject,
            String details) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            // Length-prefixed fields: no two different entries can produce the same byte stream.
            for (String field : new String[] {Long.toString(id), Long.toString(at.getEpochSecond()),
                    Integer.toString(at.getNano()), actor, action, subject, details}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Head(long lastId, byte[] lastHash) {
    }

    private record Stored(long id, Timestamp at, String actor, String action, String subject, String details,
            byte[] prevHash, byte[] hash) {
    }
}
