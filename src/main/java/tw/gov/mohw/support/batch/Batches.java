package tw.gov.mohw.support.batch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * 批次報備: an institution clerk's uploads, and their rows. An upload is read ({@link BatchFile}) and stored whole,
 * then {@link BatchWorker} checks it and, when the clerk says so, files its ready rows — in the background, on
 * whichever node holds the job. Only clerks file in batches, and a batch is seen only by its institution's clerks:
 * to anyone else it does not exist.
 */
@Service
class Batches {

    /** How long an upload is kept (it holds national IDs; what it filed are reports in their own right). */
    static final java.time.Duration KEPT = java.time.Duration.ofDays(30);

    /** How many rows a page of the preview shows. */
    static final int PAGE_SIZE = 100;

    enum State { CHECKING, CHECKED, FILING, DONE, FAILED }

    enum RowState { PENDING, READY, INVALID, FILED_BEFORE, FILED, REFUSED }

    /** An upload as its page shows it. */
    record Batch(long id, String fileName, BatchFile.Format format, State state, int total, int checked, int filed,
            Map<RowState, Integer> rows, Instant createdAt) {

        public int count(RowState state) {
            return rows.getOrDefault(state, 0);
        }

        /** For the pages: {@code count('READY')}. */
        public int count(String state) {
            return count(RowState.valueOf(state));
        }

        /** The rows found ready, whatever became of them since: what filing works through. */
        public int toFile() {
            return count(RowState.READY) + count(RowState.FILED) + count(RowState.REFUSED);
        }

        /** The rows filing has worked through, filed or refused. */
        public int processed() {
            return count(RowState.FILED) + count(RowState.REFUSED);
        }

        public boolean working() {
            return state == State.CHECKING || state == State.FILING;
        }
    }

    /** One row: its line as Excel shows it, its cells as uploaded, and what became of it. */
    record Row(int line, List<String> cells, RowState state, List<Violation> problems, Long reportId,
            String caseNumber) {
    }

    private static final TypeReference<List<String>> CELLS = new TypeReference<>() {};
    private static final TypeReference<List<Violation>> PROBLEMS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Batches(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Reads an upload and queues it for checking; a file that cannot be read is refused whole, nothing stored. */
    @Transactional
    long upload(Actor actor, String fileName, byte[] content) {
        requireClerk(actor);
        BatchFile.Sheet sheet = BatchFile.read(fileName, content);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into batch (institution_code, account, file_name, format, content, state, rows_total,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, 'CHECKING', ?, ?, ?) returning id""")
                .params(actor.institutionCode(), actor.account(), name(fileName), sheet.format().name(), content,
                        sheet.rows().size(), utc(now), utc(now))
                .query(Long.class).single();
        List<Object[]> rows = sheet.rows().stream().map(r -> new Object[] {id, r.line(), json.writeValueAsString(
                r.cells()), BatchRows.idempotencyKey(r.cells())}).toList();
        for (int from = 0; from < rows.size(); from += 500) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
            StringBuilder sql = new StringBuilder(
                    "insert into batch_row (batch_id, line, cells, idempotency_key, state) values ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, cast(? as jsonb), ?, 'PENDING')");
                params.addAll(List.of(chunk.get(i)));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        return id;
    }

    Batch get(Actor actor, long id) {
        requireClerk(actor);
        // The batch before its rows: every row's outcome is written before the state moves on, so rows read after a
        // finished state are final (read the other way round, a page could say CHECKED with rows still pending).
        Map<RowState, Integer> counts = new EnumMap<>(RowState.class);
        Batch batch = jdbc.sql("""
                select id, file_name, format, state, rows_total, rows_checked, rows_filed, created_at
                  from batch where id = ? and institution_code = ?""")
                .params(id, actor.institutionCode())
                .query((rs, n) -> new Batch(rs.getLong(1), rs.getString(2), BatchFile.Format.valueOf(rs.getString(3)),
                        State.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getInt(7), counts,
                        rs.getObject(8, java.time.OffsetDateTime.class).toInstant()))
                .optional().orElseThrow(Batches::notFound);
        jdbc.sql("select state, count(*) from batch_row where batch_id = ? group by state").param(id)
                .query((rs, n) -> counts.put(RowState.valueOf(rs.getString(1)), rs.getInt(2))).list();
        return batch;
    }

    /** The institution's latest uploads, newest first. */
    List<Batch> recent(Actor actor, int limit) {
        requireClerk(actor);
        return jdbc.sql("select id from batch where institution_code = ? order by id desc limit ?")
                .params(actor.institutionCode(), limit).query(Long.class).list().stream()
                .map(id -> get(actor, id)).toList();
    }

    /** A page of rows in line order; {@code problemsOnly}: those that were not or cannot be filed. */
    List<Row> rows(Actor actor, long id, int page, boolean problemsOnly) {
        get(actor, id);
        return jdbc.sql("""
                select line, cells, state, problems, report_id, case_number from batch_row
                 where batch_id = ? %s order by line limit ? offset ?"""
                .formatted(problemsOnly ? "and state in ('INVALID', 'REFUSED')" : ""))
                .params(id, PAGE_SIZE, Math.max(0, page) * PAGE_SIZE)
                .query((rs, n) -> row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getString(6)))
                .list();
    }

    /** The clerk files the ready rows: the job goes on in the background. Only a checked batch, and only once. */
    @Transactional
    void file(Actor actor, long id) {
        Batch batch = get(actor, id);
        int changed = jdbc.sql("update batch set state = 'FILING', updated_at = ? where id = ? and state = 'CHECKED'")
                .params(utc(clock.instant()), id).update();
        if (changed == 0) {
            throw new DomainException(DomainException.Kind.CONFLICT,
                    Violation.of(null, "batch.not.checked", batch.state().name()));
        }
    }

    /** The upload and, by line, each row's outcome: for the result workbook. */
    BatchFile.Sheet upload(Actor actor, long id, Map<Integer, Row> outcomes) {
        get(actor, id);
        var stored = jdbc.sql("select file_name, content from batch where id = ?").param(id)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBytes(2))).single();
        jdbc.sql("select line, cells, state, problems, report_id, case_number from batch_row where batch_id = ?")
                .param(id).query((rs, n) -> row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getString(6)))
                .list().forEach(r -> outcomes.put(r.line(), r));
        return BatchFile.read(stored.getKey(), stored.getValue());
    }

    Row row(int line, String cells, String state, String problems, Long reportId, String caseNumber) {
        return new Row(line, json.readValue(cells, CELLS), RowState.valueOf(state),
                problems == null ? List.of() : json.readValue(problems, PROBLEMS), reportId, caseNumber);
    }

    String json(List<Violation> problems) {
        return json.writeValueAsString(problems);
    }

    /** A file name as a label only: no path, bounded. */
    private static String name(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    static void requireClerk(Actor actor) {
        if (!actor.is(Actor.Role.INSTITUTION)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "batch.forbidden"));
        }
    }

    private static DomainException notFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, Violation.of(null, "batch.not.found"));
    }

    static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
