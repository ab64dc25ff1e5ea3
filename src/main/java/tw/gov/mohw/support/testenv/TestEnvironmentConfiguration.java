package tw.gov.mohw.support.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tw.gov.mohw.support.identity.CardAgents;
import tw.gov.mohw.support.identity.StaffAccounts;
import tw.gov.mohw.support.identity.nhi.NhiCardVerifier;
import tw.gov.mohw.support.identity.nhi.NhiSite;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.testenv.TestHca;

/**
 * TEST ENVIRONMENT ONLY: the outside world of sign-in, simulated — the test HCA and its soft cards, the card
 * components on this computer, the NHI service and the NHI verification site — and test staff accounts. The
 * production profile refuses to start with {@code support.test-environment.enabled} on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "support.test-environment.enabled", havingValue = "true")
class TestEnvironmentConfiguration {

    @Bean
    Path testEnvironmentDirectory(TestEnvironmentProperties properties) {
        try {
            return properties.dataDir().isBlank() ? Files.createTempDirectory("test-environment")
                    : Files.createDirectories(Path.of(properties.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    TestHca testHca(Path testEnvironmentDirectory, Clock clock) {
        return TestHca.loadOrCreate(testEnvironmentDirectory.resolve("hca"), clock);
    }

    @Bean
    TestCards testCards(TestHca testHca, Path testEnvironmentDirectory, Clock clock) {
        return new TestCards(testHca, testEnvironmentDirectory.resolve("hca"), clock);
    }

    @Bean(destroyMethod = "close")
    CardAgentSimulator cardAgentSimulator(TestCards cards, TestEnvironmentProperties properties,
            Path testEnvironmentDirectory) {
        CardAgentSimulator agent = new CardAgentSimulator(cards);
        if (properties.agent()) {
            agent.start(properties.hcaPorts(), properties.nhiPort(), testEnvironmentDirectory);
        }
        return agent;
    }

    /**
     * The login page looks for the simulated components wherever they listen; with the agent off, for the real ones
     * on their usual ports (a tester with the real components and cards, or a second node of a cluster: only one
     * process on a computer can own those ports).
     */
    @Bean
    @org.springframework.context.annotation.Primary
    CardAgents simulatedCardAgents(CardAgentSimulator agent, CardAgents real) {
        return agent.running() ? new CardAgents(agent::hcaPorts, agent::nhiPort, real.installerUrl()) : real;
    }

    @Bean
    NhiCardVerifier simulatedNhiCardVerifier(TestCards cards) {
        return new SimulatedNhiCardVerifier(cards);
    }

    @Bean
    NhiSite simulatedNhiSite(NhiSiteSimulator simulator) {
        return simulator.site();
    }

    @Bean
    TestStaff testStaff(StaffAccounts accounts) {
        return new TestStaff(accounts);
    }

    @Bean
    Seeder testEnvironmentSeeder(TestCards cards, Registry registry, TestStaff staff) {
        return new Seeder(cards, registry, staff);
    }

    /** After the synthetic data is in: cards for some of its people and institutions, and the staff accounts. */
    record Seeder(TestCards cards, Registry registry, TestStaff staff) {

        @EventListener(ApplicationReadyEvent.class)
        public void seed() {
            cards.seed(registry.firstPractising(7), registry.firstOpen(2));
            staff.seed();
        }
    }
}
