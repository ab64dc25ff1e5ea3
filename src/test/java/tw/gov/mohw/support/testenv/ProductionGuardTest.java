package tw.gov.mohw.support.testenv;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tw.gov.mohw.support.shared.PublicUrl;

class ProductionGuardTest {

    private static MockEnvironment production() {
        MockEnvironment env = new MockEnvironment().withProperty("server.servlet.session.cookie.secure", "true")
                .withProperty("support.sms.provider", "http").withProperty("support.public-url", "https://support.example");
        env.setActiveProfiles("production");
        return env;
    }

    /** The guard as the application builds it: {@code support.public-url} bound to its typed property. */
    private static ProductionGuard guard(MockEnvironment env) {
        String url = env.getProperty("support.public-url", "");
        return new ProductionGuard(env, new PublicUrl(url.isBlank() ? null : URI.create(url)));
    }

    @Test
    void productionRefusesToStartWithAnyTestEnvironmentFeatureOn() {
        for (String property : new String[] {"support.test-auth.enabled", "support.synthetic-data.enabled",
                "support.embedded-db.enabled", "support.test-environment.enabled"}) {
            MockEnvironment env = production().withProperty(property, "true");
            assertThatThrownBy(() -> guard(env).afterPropertiesSet())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(property);
        }
    }

    @Test
    void productionRefusesTheSimulatedSmsAndMailProvidersAndCookiesOverPlainHttp() {
        MockEnvironment simulator = production().withProperty("support.sms.provider", "simulator");
        assertThatThrownBy(() -> guard(simulator).afterPropertiesSet())
                .hasMessageContaining("support.sms.provider=simulator");
        MockEnvironment mail = production().withProperty("support.mail.provider", "simulator");
        assertThatThrownBy(() -> guard(mail).afterPropertiesSet())
                .hasMessageContaining("support.mail.provider=simulator");
        MockEnvironment noAddress = production().withProperty("support.public-url", "");
        assertThatThrownBy(() -> guard(noAddress).afterPropertiesSet())
                .hasMessageContaining("support.public-url");
        MockEnvironment insecure = production().withProperty("server.servlet.session.cookie.secure", "false");
        assertThatThrownBy(() -> guard(insecure).afterPropertiesSet())
                .hasMessageContaining("cookie.secure");
    }

    @Test
    void productionWithEverythingOffStarts() {
        MockEnvironment env = production().withProperty("support.test-auth.enabled", "false");
        assertThatCode(() -> guard(env).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void theTestEnvironmentIsNotProduction() {
        MockEnvironment env = new MockEnvironment().withProperty("support.test-environment.enabled", "true");
        assertThatCode(() -> guard(env).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
