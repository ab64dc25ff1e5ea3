package tw.gov.mohw.support.testenv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.shared.PublicUrl;

/**
 * The production profile refuses to start with anything of the test environment on — the benchmark's header sign-in,
 * the synthetic data, the embedded database, the simulators and test HCA, the simulated SMS provider, the simulated
 * mail server — or without {@code support.public-url} (notifications link to it and have no request to learn it
 * from), or with a session cookie allowed over plain http. A misconfigured production is worse than none.
 */
@Component
class ProductionGuard implements InitializingBean {

    private static final List<String> TEST_ONLY = List.of("support.test-auth.enabled", "support.synthetic-data.enabled",
            "support.embedded-db.enabled", "support.test-environment.enabled");

    private final Environment environment;
    private final PublicUrl publicUrl;

    ProductionGuard(Environment environment, PublicUrl publicUrl) {
        this.environment = environment;
        this.publicUrl = publicUrl;
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
        if ("simulator".equals(environment.getProperty("support.sms.provider"))) {
            on.add("support.sms.provider=simulator");
        }
        if ("simulator".equals(environment.getProperty("support.mail.provider"))) {
            on.add("support.mail.provider=simulator");
        }
        if (!publicUrl.isSet()) {
            on.add("support.public-url unset");
        }
        if (!environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, false)) {
            on.add("server.servlet.session.cookie.secure=false");
        }
        if (!on.isEmpty()) {
            throw new IllegalStateException("The production profile refuses to start with test-environment features on (or a setting missing): "
                    + on);
        }
    }
}
