package tw.gov.mohw.support.identity.hca;

import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuers' revocation lists, fetched at start and refreshed on a schedule. A fetch that fails keeps the last
 * good list; a list that is not current (past its next update, or not yet in effect) is fetched again when it is
 * needed, no more often than its source allows, and meanwhile left out, so the verifier refuses cards of that issuer
 * (revocation unknown) rather than trusting stale news.
 */
final class CrlCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrlCache.class);

    /** Where a list comes from, and how soon after one fetch another may be made when a list is needed. */
    record Source(Supplier<X509CRL> fetch, Duration minInterval) {
    }

    private final Map<String, Source> sources;
    private final List<java.security.cert.X509Certificate> issuers;
    private final Map<String, X509CRL> current = new ConcurrentHashMap<>();
    // on real elapsed time, not the clock (which tests move back and forth)
    private final Map<String, Long> fetchedAt = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService refresher;

    /** @param issuers the CAs whose lists are accepted: a list must be signed by one of them */
    CrlCache(Map<String, Source> sources, List<java.security.cert.X509Certificate> issuers, Duration refreshEvery,
            Clock clock) {
        this.sources = Map.copyOf(sources);
        this.issuers = List.copyOf(issuers);
        this.clock = clock;
        this.sources.keySet().forEach(this::refresh);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crl-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> this.sources.keySet().forEach(this::refresh), refreshEvery.toSeconds(),
                refreshEvery.toSeconds(), TimeUnit.SECONDS);
    }

    void refresh(String name) {
        fetchedAt.put(name, System.nanoTime());
        try {
            X509CRL fresh = sources.get(name).fetch().get();
            verify(fresh);
            X509CRL last = current.get(name);
            if (last != null && older(fresh, last)) {
                // an older list served again (a replay, or a stale mirror) would bring back a revoked card
                log.warn("The CRL from {} is older than the one in use; keeping the newer one", name);
                return;
            }
            current.put(name, fresh);
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            log.warn("Could not refresh the CRL from {}: {}; keeping the last one", name, e.toString());
        }
    }

    /** A list counts only when one of the configured issuing CAs signed it. */
    private void verify(X509CRL crl) throws java.security.GeneralSecurityException {
        for (var issuer : issuers) {
            if (issuer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                crl.verify(issuer.getPublicKey());
                return;
            }
        }
        throw new java.security.cert.CRLException("not issued by a configured HCA issuing CA: "
                + crl.getIssuerX500Principal());
    }

    /** By CRL number when both have one (RFC 5280 makes it increase), else by issue time. */
    static boolean older(X509CRL fresh, X509CRL last) {
        var a = number(fresh);
        var b = number(last);
        return a != null && b != null ? a.compareTo(b) < 0 : fresh.getThisUpdate().before(last.getThisUpdate());
    }

    private static java.math.BigInteger number(X509CRL crl) {
        byte[] extension = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        if (extension == null) {
            return null;
        }
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets()).getCRLNumber();
    }

    /** The lists in effect now. */
    Collection<X509CRL> current() {
        Date now = Date.from(clock.instant());
        sources.forEach((name, source) -> {
            Long last = fetchedAt.get(name);
            if (!inEffect(current.get(name), now)
                    && (last == null || System.nanoTime() - last >= source.minInterval().toNanos())) {
                refresh(name);
            }
        });
        return List.copyOf(current.values().stream().filter(crl -> inEffect(crl, now)).toList());
    }

    private static boolean inEffect(X509CRL crl, Date now) {
        return crl != null && !crl.getThisUpdate().after(now)
                && (crl.getNextUpdate() == null || crl.getNextUpdate().after(now));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
