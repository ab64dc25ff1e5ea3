package tw.gov.mohw.support.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    @Test
    void productionRefusesToStartWithAnyTestEnvironmentFeatureOn() {
        for (String property : new String[] {"support.test-auth.enabled", "support.synthetic-data.enabled",
                "support.embedded-db.enabled"}) {
            MockEnvironment env = new MockEnvironment().withProperty(property, "true");
            env.setActiveProfiles("production");
            assertThatThrownBy(() -> new ProductionGuard(env).afterPropertiesSet())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(property);
        }
    }

    @Test
    void productionWithEverythingOffStarts() {
        MockEnvironment env = new MockEnvironment().withProperty("support.test-auth.enabled", "false");
        env.setActiveProfiles("production");
        assertThatCode(() -> new ProductionGuard(env).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void theTestEnvironmentIsNotProduction() {
        MockEnvironment env = new MockEnvironment().withProperty("support.test-auth.enabled", "true");
        assertThatCode(() -> new ProductionGuard(env).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
