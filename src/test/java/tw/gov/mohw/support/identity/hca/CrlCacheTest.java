package tw.gov.mohw.support.identity.hca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.testenv.TestHca;

class CrlCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TestHca hca = TestHca.create(clock);
    private final TestHca other = TestHca.create(clock);

    private CrlCache cache(AtomicReference<X509CRL> served) {
        return new CrlCache(Map.of("hca", new CrlCache.Source(served::get, Duration.ZERO)), List.of(hca.issuingCa()),
                Duration.ofHours(1), clock);
    }

    @Test
    void anOlderListServedAgainDoesNotReplaceTheNewer() {
        X509CRL old = hca.crl();
        var card = hca.issue(CardType.HPC, "A123456789", "甲");
        hca.revoke(card);
        X509CRL newer = hca.crl();
        AtomicReference<X509CRL> served = new AtomicReference<>(newer);
        try (CrlCache cache = cache(served)) {
            served.set(old);
            cache.refresh("hca");
            assertThat(cache.current()).containsExactly(newer);
            assertThat(cache.current().iterator().next().isRevoked(card.certificate())).isTrue();
        }
    }

    @Test
    void aListNotSignedByAConfiguredIssuerIsRefusedAndTheLastGoodOneKept() {
        X509CRL good = hca.crl();
        AtomicReference<X509CRL> served = new AtomicReference<>(good);
        try (CrlCache cache = cache(served)) {
            served.set(other.crl());
            cache.refresh("hca");
            assertThat(cache.current()).containsExactly(good);
            served.set(null); // the fetch fails
            cache.refresh("hca");
            assertThat(cache.current()).containsExactly(good);
        }
    }

    @Test
    void aListPastItsNextUpdateIsLeftOutUntilANewOneComes() {
        AtomicReference<X509CRL> served = new AtomicReference<>(hca.crl(NOW.minus(Duration.ofDays(8)),
                NOW.minus(Duration.ofDays(1))));
        try (CrlCache cache = cache(served)) {
            assertThat(cache.current()).isEmpty();
            X509CRL fresh = hca.crl();
            served.set(fresh);
            assertThat(cache.current()).as("fetched again when needed").containsExactly(fresh);
        }
    }
}
