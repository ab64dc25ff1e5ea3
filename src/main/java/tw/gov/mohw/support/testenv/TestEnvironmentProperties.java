package tw.gov.mohw.support.testenv;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code support.test-environment.*}: the test environment's simulated outside world. Production refuses to start
 * with it on.
 *
 * @param enabled the test HCA and its soft cards, the simulated card agent, NHI verifier and NHI site, test staff
 * @param dataDir where the test HCA and the soft cards are kept between starts (empty: a temporary directory)
 * @param agent whether the simulated card agent listens (off where the real component runs on this computer)
 * @param hcaPorts the HCAServiSign-style agent's HTTPS ports (the real component's by default; 0 picks free ones)
 * @param nhiPort the NHI card component's WebSocket port (0 picks a free one)
 */
@ConfigurationProperties("support.test-environment")
public record TestEnvironmentProperties(@DefaultValue("false") boolean enabled, @DefaultValue("./data/test-environment")
        String dataDir, @DefaultValue("true") boolean agent, @DefaultValue({"56445", "56545", "56645"})
        List<Integer> hcaPorts, @DefaultValue("7777") int nhiPort) {
}
