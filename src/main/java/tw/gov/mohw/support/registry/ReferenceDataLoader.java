package tw.gov.mohw.support.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the reference data shipped in {@code resources/reference} (copied from the ministry's code systems) at
 * every start: new codes are added and changed names updated, nothing is removed, since reports refer to them.
 */
@Component
class ReferenceDataLoader implements InitializingBean {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Registry registry;

    ReferenceDataLoader(JdbcClient jdbc, TransactionTemplate tx, Registry registry) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.registry = registry;
    }

    @Override
    public void afterPropertiesSet() {
        tx.executeWithoutResult(status -> {
            for (String[] r : csv("reference/health-bureaus.csv", 5)) {
                jdbc.sql("""
                        insert into health_bureau (county_code, county_name, name, short_name, kind) values (?, ?, ?, ?, ?)
                        on conflict (county_code) do update set county_name = excluded.county_name,
                          name = excluded.name, short_name = excluded.short_name, kind = excluded.kind""")
                        .params((Object[]) r).update();
            }
            for (String[] r : csv("reference/professions.csv", 3)) {
                jdbc.sql("""
                        insert into profession (code, name_zh, name_en) values (?, ?, ?)
                        on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en""")
                        .params((Object[]) r).update();
            }
            for (String[] r : csv("reference/departments.csv", 2)) {
                jdbc.sql("""
                        insert into department (code, name_zh) values (?, ?)
                        on conflict (code) do update set name_zh = excluded.name_zh""")
                        .params((Object[]) r).update();
            }
        });
        registry.refreshReferenceData();
    }

    /** The rows of a simple CSV (no quoted commas in these files), header skipped, each checked for its width. */
    static List<String[]> csv(String resource, int columns) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            return in.lines().skip(1).filter(line -> !line.isBlank()).map(line -> {
                String[] cells = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + ": expected " + columns + " columns in: " + line);
                }
                return cells;
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
