package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    private static MockEnvironment production() {
        MockEnvironment env = new MockEnvironment().withProperty("server.servlet.session.cookie.secure", "true")
                .withProperty("support.sms.provider", "http").withProperty("support.public-url", "https://support.example");
        env.setActiveProfiles("production");
        return env;
    }

    @Test
    void productionRefusesToStartWithAnyTestEnvironmentFeatureOn() {
        for (String property : new String[] {"support.test-auth.enabled", "support.synthetic-data.enabled",
                "support.embedded-db.enabled", "support.test-environment.enabled"}) {
            MockEnvironment env = production().withProperty(property, "true");
            assertThatThrownBy(() -> new ProductionGuard(env).afterPropertiesSet())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(property);
        }
    }

    @Test
    void productionRefusesTheSimulatedSmsAndMailProvidersAndCookiesOverPlainHttp() {
        MockEnvironment simulator = production().withProperty("support.sms.provider", "simulator");
        assertThatThrownBy(() -> new ProductionGuard(simulator).afterPropertiesSet())
                .hasMessageContaining("support.sms.provider=simulator");
        MockEnvironment mail = production().withProperty("support.mail.provider", "simulator");
        assertThatThrownBy(() -> new ProductionGuard(mail).afterPropertiesSet())
                .hasMessageContaining("support.mail.provider=simulator");
        MockEnvironment noAddress = production().withProperty("support.public-url", "");
        assertThatThrownBy(() -> new ProductionGuard(noAddress).afterPropertiesSet())
                .hasMessageContaining("support.public-url");
        MockEnvironment insecure = production().withProperty("server.servlet.session.cookie.secure", "false");
        assertThatThrownBy(() -> new ProductionGuard(insecure).afterPropertiesSet())
                .hasMessageContaining("cookie.secure");
    }

    @Test
    void productionWithEverythingOffStarts() {
        MockEnvironment env = production().withProperty("support.test-auth.enabled", "false");
        assertThatCode(() -> new ProductionGuard(env).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void theTestEnvironmentIsNotProduction() {
        MockEnvironment env = new MockEnvironment().withProperty("support.test-environment.enabled", "true");
        assertThatCode(() -> new ProductionGuard(env).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
