package tw.gov.mohw.support.synthetic;

/**
 * Where generated rows go: the database (through COPY) or, for tests, a digest. The generator appends one row in
 * COPY text format (fields separated by tabs, ending with a newline) to {@link #buffer(Table)} and then calls
 * {@link #rowDone(Table)}; the sink may consume or clear what was appended.
 */
interface RowSink {

    /** The buffer the next row of {@code table} is appended to. */
    StringBuilder buffer(Table table);

    /** One complete row of {@code table} has been appended. */
    void rowDone(Table table);

    /** Everything has been generated. */
    default void finish() {
    }
}
