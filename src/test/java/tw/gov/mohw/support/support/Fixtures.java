package tw.gov.mohw.support.support;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.RocDates;

/**
 * Registry rows for tests: every call makes new, unique people and institutions, so tests never share state.
 */
@TestComponent
public class Fixtures {

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    private final JdbcClient jdbc;

    Fixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public LocalDate today() {
        return LocalDate.now(RocDates.ZONE);
    }

    public String institution(String county) {
        return institution(county, "CLINIC", "OPEN");
    }

    public String institution(String county, String type, String status) {
        int n = SERIAL.incrementAndGet();
        String code = "99" + String.format("%08d", n % 100_000_000);
        jdbc.sql("insert into institution (code, name, type, county_code, address, status) values (?, ?, ?, ?, ?, ?)")
                .params(code, "測試診所" + n, type, county, "測試路" + n + "號", status).update();
        return code;
    }

    /** A practising physician registered at {@code home} since ten years ago; returns the national ID. */
    public String practitioner(String home) {
        return practitioner(home, "PRACTISING", today().minusYears(10), null);
    }

    /** Gives the person a mobile number of their own (fixtures share one otherwise); returns it. */
    public String ownMobile(String nationalId) {
        String mobile;
        do { // the simulated SMS provider cannot reach numbers ending in 0000: never give one out by chance
            mobile = "09" + String.format("%08d", SERIAL.incrementAndGet() % 100_000_000);
        } while (mobile.endsWith("0000"));
        jdbc.sql("update practitioner set mobile = ? where national_id = ?").params(mobile, nationalId).update();
        return mobile;
    }

    public String practitioner(String home, String status, LocalDate from, LocalDate to) {
        int n = SERIAL.incrementAndGet();
        String id = NationalId.generate('Q', n % 2 == 0 ? '1' : '2', n % 10_000_000).value();
        long pid = jdbc.sql("""
                insert into practitioner (national_id, name, birth_date, profession_code, certificate_number, mobile)
                values (?, ?, ?, 'A', ?, '0912345678') returning id""")
                .params(id, "測試人員" + n, LocalDate.of(1980, 1, 1), "醫字第" + n + "號").query(Long.class).single();
        jdbc.sql("""
                insert into practice_registration (practitioner_id, institution_code, profession_code, status, valid_from, valid_to)
                values (?, ?, 'A', ?, ?, ?)""").params(pid, home, status, from, to).update();
        return id;
    }
}
