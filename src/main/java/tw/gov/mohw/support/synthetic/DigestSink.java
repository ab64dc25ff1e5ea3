package tw.gov.mohw.support.synthetic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes nothing: a SHA-256 over every generated row, tagged with its table, and the row counts. */
final class DigestSink implements RowSink {

    private final MessageDigest sha;
    private final StringBuilder[] buffers = new StringBuilder[Table.values().length];
    private final long[] rows = new long[Table.values().length];

    DigestSink() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new StringBuilder(4096);
        }
    }

    @Override
    public StringBuilder buffer(Table table) {
        return buffers[table.ordinal()];
    }

    @Override
    public void rowDone(Table table) {
        StringBuilder b = buffers[table.ordinal()];
        sha.update((byte) table.ordinal());
        sha.update(b.toString().getBytes(StandardCharsets.UTF_8));
        b.setLength(0);
        rows[table.ordinal()]++;
    }

    long rows(Table table) {
        return rows[table.ordinal()];
    }

    /** The digest so far, as hex; the sink keeps no rows. */
    String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
