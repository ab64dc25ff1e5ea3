package tw.gov.mohw.support.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the card components are on users' computers; housekeeping on a schedule. */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class IdentityConfiguration {

    /**
     * @param hcaPorts HCAServiSign's local HTTPS ports (Windows defaults; the component on macOS is not supported)
     * @param nhiPort the NHI card component's local WebSocket port
     * @param installerUrl where users download the components
     */
    @ConfigurationProperties("support.card-agents")
    record CardAgentProperties(@DefaultValue({"56445", "56545", "56645"}) List<Integer> hcaPorts,
            @DefaultValue("7777") int nhiPort, @DefaultValue("https://hca.nat.gov.tw/") String installerUrl) {
    }

    /**
     * Session ids of 216 random bits, 36 URL-safe characters to fit Spring Session's column; its default, a random
     * UUID, carries 122 (ASVS 7.2.3 asks for at least 128).
     */
    @Bean
    org.springframework.session.SessionIdGenerator sessionIds() {
        var random = new java.security.SecureRandom();
        return () -> {
            byte[] bits = new byte[27];
            random.nextBytes(bits);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        };
    }

    @Bean
    CardAgents cardAgents(CardAgentProperties properties) {
        return new CardAgents(properties::hcaPorts, properties::nhiPort, properties.installerUrl());
    }
}
