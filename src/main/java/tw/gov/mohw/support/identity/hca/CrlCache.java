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
    private final Map<String, X509CRL> current = new ConcurrentHashMap<>();
    // on real elapsed time, not the clock (which tests move back and forth)
    private final Map<String, Long> fetchedAt = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService refresher;

    CrlCache(Map<String, Source> sources, Duration refreshEvery, Clock clock) {
        this.sources = Map.copyOf(sources);
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
            current.put(name, sources.get(name).fetch().get());
        } catch (RuntimeException e) {
            log.warn("Could not refresh the CRL from {}: {}; keeping the last one", name, e.toString());
        }
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
