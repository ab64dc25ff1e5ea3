package tw.gov.mohw.support.identity.hca;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Which HCA certificates are trusted, and where their revocation lists come from. In production: the real HCA
 * roots and issuing CAs (PEM or DER files) and the CRL addresses the HCA publishes. In the test environment also
 * the test HCA ({@link ExtraTrust}, module {@code testenv}), which is never loaded in production.
 */
@Configuration(proxyBeanMethods = false)
class HcaConfiguration {

    /**
     * @param roots the HCA root certificates (trust anchors)
     * @param issuingCas the issuing CAs under them
     * @param crls where each issuer's CRL is published (http, https or file)
     * @param crlRefresh how often the CRLs are fetched again
     */
    @ConfigurationProperties("support.hca")
    record HcaProperties(@DefaultValue List<String> roots, @DefaultValue List<String> issuingCas,
            @DefaultValue List<String> crls, @DefaultValue("PT1H") Duration crlRefresh) {
    }

    @Bean(destroyMethod = "close")
    CrlCache crlCache(HcaProperties properties, ObjectProvider<ExtraTrust> extra, ResourceLoader resources,
            Clock clock) {
        List<X509Certificate> issuers = new ArrayList<>(certificates(resources, properties.issuingCas()));
        extra.ifAvailable(hca -> issuers.add(hca.issuingCa()));
        Map<String, CrlCache.Source> sources = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String url : properties.crls()) {
            sources.put(url, new CrlCache.Source(() -> fetch(http, url), Duration.ofMinutes(1)));
        }
        extra.ifAvailable(hca -> sources.put("extra HCA", new CrlCache.Source(hca::crl, Duration.ZERO)));
        CrlCache cache = new CrlCache(sources, issuers, properties.crlRefresh(), clock);
        extra.ifAvailable(hca -> hca.onRevocation(() -> cache.refresh("extra HCA")));
        return cache;
    }

    @Bean
    CardSignatureVerifier cardSignatureVerifier(HcaProperties properties, ObjectProvider<ExtraTrust> extra,
            ResourceLoader resources, CrlCache crls, Clock clock) {
        List<X509Certificate> roots = new ArrayList<>(certificates(resources, properties.roots()));
        List<X509Certificate> issuing = new ArrayList<>(certificates(resources, properties.issuingCas()));
        extra.ifAvailable(hca -> {
            roots.add(hca.root());
            issuing.add(hca.issuingCa());
        });
        if (roots.isEmpty()) {
            throw new IllegalStateException("No HCA trust anchor configured (support.hca.roots): card sign-in would "
                    + "accept nobody");
        }
        return new CardSignatureVerifier(roots, issuing, crls::current, clock);
    }

    private static List<X509Certificate> certificates(ResourceLoader resources, List<String> locations) {
        List<X509Certificate> out = new ArrayList<>();
        for (String location : locations) {
            Resource resource = resources.getResource(location);
            try (InputStream in = resource.getInputStream()) {
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    out.add((X509Certificate) c);
                }
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("Cannot read HCA certificate " + location, e);
            }
        }
        return out;
    }

    private static X509CRL fetch(HttpClient http, String url) {
        try {
            byte[] body;
            if (url.startsWith("file:")) {
                body = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(URI.create(url)));
            } else {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
                body = r.body();
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new java.io.ByteArrayInputStream(body));
            // the CRL's signature is checked by the path validation that uses it
            return crl;
        } catch (IOException | java.security.cert.CRLException | CertificateException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
