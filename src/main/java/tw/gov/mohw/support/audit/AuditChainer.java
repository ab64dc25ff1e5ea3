package tw.gov.mohw.support.audit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves recorded entries into the hash chain: woken after every commit that recorded some, on one thread of its own
 * per node, passes at least {@value #PACE_MS} ms apart, so that under load one pass chains the entries of many actions
 * in one transaction (an entry is chained within about that time); and every
 * {@value #SWEEP_MS} ms on every node, for entries whose node died before its pass or whose pass failed (the
 * database away, say). Passes of several nodes serialize on the chain's head.
 */
@Component
class AuditChainer {

    static final int BATCH = 500;
    static final long SWEEP_MS = 2000;
    /** Passes start at least this far apart: under load, the actions of this time share one commit. */
    static final long PACE_MS = 50;

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final AuditTrail trail;
    private final AtomicBoolean queued = new AtomicBoolean();
    private long lastPass;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-chainer");
        t.setDaemon(true);
        return t;
    });

    AuditChainer(AuditTrail trail) {
        this.trail = trail;
    }

    /** A pass after the current transaction commits (at once when there is none). */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    /** One more pass, unless one is already waiting to start: wakes during a pass leave exactly one after it. */
    void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                queued.set(false); // shutting down: the next start's sweep chains what is left
            }
        }
    }

    @Scheduled(fixedDelay = SWEEP_MS, initialDelay = SWEEP_MS)
    void sweep() {
        wake();
    }

    private void pass() {
        long wait = lastPass + PACE_MS - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait); // wakes meanwhile join this pass: they find it still queued
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                queued.set(false);
                return;
            }
        }
        lastPass = System.currentTimeMillis();
        queued.set(false);
        try {
            while (trail.chainPending(BATCH) == BATCH) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException failed) {
            // left in the inbox; the next wake or sweep tries again
            log.warn("Audit entries could not be chained now; they stay recorded and are tried again: {}",
                    failed.toString());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
