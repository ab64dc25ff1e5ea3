package tw.gov.mohw.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** With a real server named, or in production, nothing embedded starts and the settings are left alone. */
class EmbeddedPostgresEnvironmentTest {

    @Test
    void aNamedServerWins() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/x");
        new EmbeddedPostgresEnvironment().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getPropertySources().contains("embeddedPostgres")).isFalse();
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/x");
    }

    @Test
    void productionNeverStartsOne() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("production");
        new EmbeddedPostgresEnvironment().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getPropertySources().contains("embeddedPostgres")).isFalse();
    }

    @Test
    void switchedOffStartsNone() {
        MockEnvironment env = new MockEnvironment().withProperty("support.embedded-db.enabled", "false");
        new EmbeddedPostgresEnvironment().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getPropertySources().contains("embeddedPostgres")).isFalse();
    }
}
