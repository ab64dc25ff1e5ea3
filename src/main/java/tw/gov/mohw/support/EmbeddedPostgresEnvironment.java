package tw.gov.mohw.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the test environment's own PostgreSQL 17 before anything needs a database, and points
 * {@code spring.datasource.*} at it.
 *
 * <p>It stays out of the way whenever a real server is meant: when {@code spring.datasource.url} (or
 * {@code SPRING_DATASOURCE_URL}) is set, under the {@code production} profile, or with
 * {@code support.embedded-db.enabled=false}. One server serves the whole JVM, so a test run that builds several
 * application contexts starts PostgreSQL once.
 */
class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static EmbeddedPostgres server;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || Arrays.asList(environment.getActiveProfiles()).contains("production")
                || !environment.getProperty("support.embedded-db.enabled", Boolean.class, true)) {
            return;
        }
        EmbeddedPostgres postgres = start(
                environment.getProperty("support.embedded-db.data-dir", ""),
                environment.getProperty("support.embedded-db.port", Integer.class, 0),
                environment.getProperty("support.embedded-db.durable", Boolean.class, true));
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "")));
    }

    private static synchronized EmbeddedPostgres start(String dataDir, int port, boolean durable) {
        if (server != null) {
            return server;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // Stopped by us once the application has closed (below), not by a JVM hook of its own that
                    // would race Spring's shutdown and leave it talking to a dead server.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("timezone", "UTC");
            if (durable) {
                // The library turns durability off for throwaway test databases; the test environment keeps
                // users' data and acknowledges only what is on disk, like production.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            if (StringUtils.hasText(dataDir)) {
                // The test environment keeps its data between runs, like a real server would.
                Path dir = Path.of(dataDir).toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            server = builder.start();
            // Stopped after the application contexts have closed, so nothing still talks to it when it goes.
            SpringApplication.getShutdownHandlers().add(EmbeddedPostgresEnvironment::stop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // The JVM is going away; the server's own shutdown handles the rest.
        }
    }

    @Override
    public int getOrder() {
        // After application.yaml and the profiles are read, so their settings count.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
