package tw.gov.mohw.support.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The registry's front door: people, their practice registrations, institutions and the reference data.
 * Reference data (bureaus, departments) is small and read on every request, so it is held in memory
 * after {@link ReferenceDataLoader} has stored it.
 */
@Service
public class Registry {

    private final JdbcClient jdbc;
    private volatile Map<String, HealthBureau> bureaus = Map.of();
    private volatile Map<String, Department> departments = Map.of();
    private volatile Map<String, Profession> professions = Map.of();

    Registry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Practitioner> practitioner(NationalId nationalId) {
        return jdbc.sql("select * from practitioner where national_id = ?").param(nationalId.value())
                .query(Registry::practitioner).optional();
    }

    /** The first people with a current practice registration, by id: the test environment gives them cards. */
    public List<Practitioner> firstPractising(int limit) {
        return jdbc.sql("""
                select p.* from practitioner p where exists (select 1 from practice_registration r
                 where r.practitioner_id = p.id and r.status = 'PRACTISING' and r.valid_to is null) and p.mobile is not null
                 order by p.id limit ?""")
                .param(limit).query(Registry::practitioner).list();
    }

    /** The first open institutions, by code: the test environment gives them cards. */
    public List<Institution> firstOpen(int limit) {
        return jdbc.sql("select * from institution where status = 'OPEN' order by code limit ?").param(limit)
                .query(Registry::institution).list();
    }

    public Optional<Practitioner> practitioner(long id) {
        return jdbc.sql("select * from practitioner where id = ?").param(id).query(Registry::practitioner).optional();
    }

    public List<PracticeRegistration> registrations(long practitionerId) {
        return jdbc.sql("select * from practice_registration where practitioner_id = ? order by valid_from desc, id desc")
                .param(practitionerId).query(Registry::registration).list();
    }

    /** The registration the person practises under on {@code day}: it names their home institution. */
    public Optional<PracticeRegistration> activeRegistration(long practitionerId, LocalDate day) {
        return activeOn(registrations(practitionerId), day);
    }

    /** The registration of {@code registrations} (newest first) that is practising on {@code day}. */
    public static Optional<PracticeRegistration> activeOn(List<PracticeRegistration> registrations, LocalDate day) {
        return registrations.stream()
                .filter(r -> r.status() == PracticeRegistration.Status.PRACTISING)
                .filter(r -> !r.validFrom().isAfter(day) && (r.validTo() == null || !r.validTo().isBefore(day)))
                .findFirst();
    }

    public Optional<Institution> institution(InstitutionCode code) {
        return jdbc.sql("select * from institution where code = ?").param(code.value())
                .query(Registry::institution).optional();
    }

    public Optional<HealthBureau> bureau(String countyCode) {
        return Optional.ofNullable(countyCode).map(bureaus::get);
    }



    public Optional<Department> department(String code) {
        return Optional.ofNullable(code).map(departments::get);
    }

    /** Every health bureau, by county code. */
    public List<HealthBureau> bureaus() {
        return List.copyOf(bureaus.values());
    }

    public Optional<Profession> profession(String code) {
        return Optional.ofNullable(code).map(professions::get);
    }

    /** Every profession, by code. */
    public List<Profession> professions() {
        return List.copyOf(professions.values());
    }

    /** Every department, by code. */
    public List<Department> departments() {
        return List.copyOf(departments.values());
    }

    /** The people practising at an institution now, by name: whom its clerk may file for. */
    public List<Practitioner> staffOf(InstitutionCode institution, LocalDate day) {
        return jdbc.sql("""
                select p.* from practitioner p join practice_registration r on r.practitioner_id = p.id
                 where r.institution_code = ? and r.status = 'PRACTISING' and r.valid_from <= ?
                   and (r.valid_to is null or r.valid_to >= ?)
                 order by p.name, p.id limit 500""")
                .params(institution.value(), day, day).query(Registry::practitioner).list();
    }

    /** Open institutions whose code starts with, or whose name contains, {@code text}; at most {@code limit}. */
    public List<Institution> findInstitutions(String text, int limit) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        String like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("""
                select * from institution where status = 'OPEN' and (code like ? or name like ?)
                 order by (code = ?) desc, name limit ?""")
                .params(like + "%", "%" + like + "%", q, Math.min(Math.max(limit, 1), 50))
                .query(Registry::institution).list();
    }


    void refreshReferenceData() {
        bureaus = index(jdbc.sql("select * from health_bureau order by county_code").query((rs, n) -> new HealthBureau(
                rs.getString("county_code"), rs.getString("county_name"), rs.getString("name"),
                rs.getString("short_name"))).list(), HealthBureau::countyCode);
        departments = index(jdbc.sql("select * from department order by code").query((rs, n) -> new Department(
                rs.getString("code"), rs.getString("name_zh"))).list(), Department::code);
        professions = index(jdbc.sql("select * from profession order by code").query((rs, n) -> new Profession(
                rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"))).list(), Profession::code);
    }

    private static <T> Map<String, T> index(List<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static Practitioner practitioner(ResultSet rs, int row) throws SQLException {
        return new Practitioner(rs.getLong("id"), new NationalId(rs.getString("national_id")), rs.getString("name"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("profession_code"),
                rs.getString("certificate_number"), rs.getString("mobile"));
    }

    private static PracticeRegistration registration(ResultSet rs, int row) throws SQLException {
        return new PracticeRegistration(rs.getLong("practitioner_id"), new InstitutionCode(rs.getString("institution_code")),
                rs.getString("profession_code"), PracticeRegistration.Status.valueOf(rs.getString("status")),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class));
    }

    private static Institution institution(ResultSet rs, int row) throws SQLException {
        return new Institution(new InstitutionCode(rs.getString("code")), rs.getString("name"),
                Institution.Type.valueOf(rs.getString("type")), rs.getString("county_code"), rs.getString("address"),
                Institution.Status.valueOf(rs.getString("status")));
    }
}
