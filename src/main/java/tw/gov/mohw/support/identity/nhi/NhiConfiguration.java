package tw.gov.mohw.support.identity.nhi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.sms.SmsGateway;

/** Sign-in with the NHI card, with or without the card: the SMS codes and the NHI site's keys. */
@Configuration(proxyBeanMethods = false)
class NhiConfiguration {

    /**
     * @param clientId our id at the NHI site
     * @param siteUrl where the NHI site verifies a person (production); the test environment uses its simulator
     * @param siteIssuer the NHI site's id in its answers
     * @param siteEncryptionKey the NHI site's RSA public key (PEM) that requests are encrypted for
     * @param siteSigningKey the NHI site's RSA public key (PEM) its answers verify with
     */
    @ConfigurationProperties("support.nhi")
    record NhiProperties(@DefaultValue("support-report") String clientId, URI siteUrl, String siteIssuer,
            String siteEncryptionKey, String siteSigningKey) {
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService smsSender() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sms-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    SmsCodes smsCodes(JdbcClient jdbc, TransactionTemplate tx, Registry registry, ObjectProvider<SmsGateway> sms,
            ExecutorService smsSender, Clock clock) {
        SmsGateway gateway = sms.getIfAvailable(() -> (to, text, reference) -> {
            throw new tw.gov.mohw.support.sms.SmsException(tw.gov.mohw.support.sms.SmsException.Reason.ACCOUNT,
                    "no SMS provider is configured");
        });
        return new SmsCodes(jdbc, tx, registry, gateway, smsSender, clock);
    }

    @Bean
    NhiHandOff nhiHandOff(NhiProperties properties, ObjectProvider<NhiSite> simulated, ResourceLoader resources,
            Clock clock) {
        NhiSite site = site(properties, simulated, resources);
        return new NhiHandOff(properties.clientId(), site.issuer(), site.encryptionKey(), site.signingKey(), clock);
    }

    @Bean
    NoCardSignIn.Site nhiSiteLocation(NhiProperties properties, ObjectProvider<NhiSite> simulated,
            ResourceLoader resources) {
        return new NoCardSignIn.Site(site(properties, simulated, resources).verifyUrl());
    }

    private static NhiSite site(NhiProperties properties, ObjectProvider<NhiSite> simulated, ResourceLoader resources) {
        NhiSite sim = simulated.getIfAvailable();
        if (sim != null) {
            return sim;
        }
        if (properties.siteUrl() == null || properties.siteIssuer() == null || properties.siteEncryptionKey() == null
                || properties.siteSigningKey() == null) {
            throw new IllegalStateException("support.nhi.site-url, site-issuer, site-encryption-key and "
                    + "site-signing-key are required for sign-in without a card");
        }
        return new NhiSite(properties.siteUrl(), properties.siteIssuer(),
                publicKey(resources, properties.siteEncryptionKey()), publicKey(resources, properties.siteSigningKey()));
    }

    /** An RSA public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    static RSAPublicKey publicKey(ResourceLoader resources, String location) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the NHI site's public key " + location, e);
        }
    }
}
