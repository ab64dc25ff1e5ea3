package tw.gov.mohw.support.synthetic;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams generated rows into PostgreSQL with COPY. Rows collect in one buffer per table; every few megabytes the
 * buffers are encoded and handed to a writer thread, which copies them table by table in {@link Table} order (so
 * foreign keys always find their rows) while the generator goes on producing the next batch. Nothing but the batch
 * in flight and the one being built is ever held in memory.
 */
final class CopySink implements RowSink, AutoCloseable {

    /** A batch is handed over when one table's buffer reaches this many characters. */
    static final int FLUSH_CHARS = 4 << 20;

    private static final byte[][] END = new byte[0][];

    private final CopyManager copy;
    private final StringBuilder[] buffers = new StringBuilder[Table.values().length];
    private final long[] copyNanos = new long[Table.values().length];
    private final BlockingQueue<byte[][]> queue = new ArrayBlockingQueue<>(2);
    private final Thread writer;
    private volatile Throwable failure;

    CopySink(CopyManager copy) {
        this.copy = copy;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new StringBuilder(FLUSH_CHARS + (64 << 10));
        }
        writer = new Thread(this::write, "synthetic-data-copy");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public StringBuilder buffer(Table table) {
        return buffers[table.ordinal()];
    }

    @Override
    public void rowDone(Table table) {
        if (buffers[table.ordinal()].length() >= FLUSH_CHARS) {
            flush();
        }
    }

    /** Hands everything generated so far to the writer and waits until it has all been copied. */
    @Override
    public void finish() {
        flush();
        hand(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying synthetic data", e);
        }
        rethrow();
    }

    /** Milliseconds spent copying each table's rows, in {@link Table} order; read after {@link #finish()}. */
    long[] copyMillis() {
        long[] result = new long[copyNanos.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = copyNanos[i] / 1_000_000;
        }
        return result;
    }

    private void flush() {
        byte[][] batch = new byte[buffers.length][];
        boolean any = false;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i].length() > 0) {
                batch[i] = buffers[i].toString().getBytes(StandardCharsets.UTF_8);
                buffers[i].setLength(0);
                any = true;
            }
        }
        if (any) {
            hand(batch);
        }
    }

    private void hand(byte[][] batch) {
        try {
            while (!queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying synthetic data", e);
        }
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("COPY of synthetic data failed: " + t.getMessage(), t);
        }
    }

    private void write() {
        Table[] tables = Table.values();
        try {
            while (true) {
                byte[][] batch = queue.take();
                if (batch == END) {
                    return;
                }
                for (int i = 0; i < batch.length; i++) {
                    if (batch[i] != null) {
                        long t0 = System.nanoTime();
                        CopyIn in = copy.copyIn(tables[i].copySql());
                        try {
                            in.writeToCopy(batch[i], 0, batch[i].length);
                            in.endCopy();
                        } finally {
                            if (in.isActive()) {
                                in.cancelCopy();
                            }
                        }
                        copyNanos[i] += System.nanoTime() - t0;
                    }
                }
            }
        } catch (InterruptedException e) {
            failure = e;
        } catch (SQLException | RuntimeException e) {
            failure = e;
            queue.clear();
        }
    }

    /** Stops the writer if generation ended early; the caller rolls the transaction back. */
    @Override
    public void close() {
        if (writer.isAlive()) {
            writer.interrupt();
            try {
                writer.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
