package tw.gov.mohw.support.synthetic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills an empty test environment with synthetic data on its first start ({@code support.synthetic-data.*}). A
 * database that already has practitioners is left as it is, so restarts keep whatever testers did.
 */
@Component
@ConditionalOnProperty(name = "support.synthetic-data.enabled", havingValue = "true")
class SyntheticDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SyntheticDataLoader.class);

    /** How much the first start generates, from which seed ({@code support.synthetic-data.*}). */
    @ConfigurationProperties("support.synthetic-data")
    record Settings(boolean enabled, long seed, int practitioners, int institutions, int reports) {
    }

    private final SyntheticData data;
    private final JdbcClient jdbc;
    private final Settings settings;

    SyntheticDataLoader(SyntheticData data, JdbcClient jdbc, Settings settings) {
        this.data = data;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean hasData = jdbc.sql("select exists (select 1 from practitioner)").query(Boolean.class).single();
        if (hasData) {
            log.info("Synthetic test data: the database already has practitioners, nothing generated");
            return;
        }
        log.info("Synthetic test data: first start, generating {} institutions, {} practitioners, {} reports (seed {})",
                settings.institutions(), settings.practitioners(), settings.reports(), settings.seed());
        SyntheticData.Summary s = data.generate(settings.seed(), settings.practitioners(), settings.institutions(),
                settings.reports());
        log.info("Synthetic test data: {} institutions, {} practitioners ({} registrations), {} reports ({} revisions,"
                + " {} transitions) in {} ms", s.institutions(), s.practitioners(), s.registrations(), s.reports(),
                s.revisions(), s.transitions(), s.elapsedMillis());
    }
}
