package tw.gov.mohw.support.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The production profile refuses to start with anything of the test environment on: the header sign-in, the
 * synthetic data or the embedded database. A misconfigured production is worse than none.
 */
@Component
class ProductionGuard implements InitializingBean {

    private static final List<String> TEST_ONLY = List.of("support.test-auth.enabled", "support.synthetic-data.enabled",
            "support.embedded-db.enabled");

    private final Environment environment;

    ProductionGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("production")) {
            return;
        }
        List<String> on = new ArrayList<>();
        for (String property : TEST_ONLY) {
            if (environment.getProperty(property, Boolean.class, false)) {
                on.add(property);
            }
        }
        if (!on.isEmpty()) {
            throw new IllegalStateException("The production profile refuses to start with test-environment features on: "
                    + on);
        }
    }
}
