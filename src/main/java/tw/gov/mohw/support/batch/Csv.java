package tw.gov.mohw.support.batch;

import java.util.ArrayList;
import java.util.List;
import tw.gov.mohw.support.shared.DomainException;

/**
 * An RFC 4180 reader for what Excel and other spreadsheets save as CSV: comma-separated, fields optionally quoted,
 * a quote inside a quoted field doubled, records ended by CRLF, LF or a lone CR, line breaks allowed inside quotes.
 * Hand-written because no CSV library is available to the build; it is small and the cases are tested.
 *
 * <p>Lenient where a clerk's file could be read only one way (a quote in the middle of an unquoted field is kept as
 * text, characters after a closing quote are appended), strict where guessing could shift data between rows: a
 * quote never closed is refused with the row where it opened. Nothing is interpreted: a field starting with
 * {@code =} is text here, as no formula is ever evaluated.
 */
final class Csv {

    /** Receives each record with its number as a spreadsheet shows it (the first record is row 1). */
    interface Sink {
        void record(int line, List<String> fields);
    }

    private Csv() {}

    static void parse(String text, Sink sink) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int quoteOpenedAt = 0;
        boolean inQuotes = false;
        boolean atFieldStart = true;
        // Whether anything (a character or a separator) belongs to the current record: a file ending in a line
        // break must not yield one more, empty record.
        boolean pending = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (atFieldStart) {
                        inQuotes = true;
                        quoteOpenedAt = line;
                    } else {
                        field.append(c);
                    }
                    atFieldStart = false;
                    pending = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    atFieldStart = true;
                    pending = true;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    sink.record(line++, List.copyOf(fields));
                    fields.clear();
                    field.setLength(0);
                    atFieldStart = true;
                    pending = false;
                }
                default -> {
                    field.append(c);
                    atFieldStart = false;
                    pending = true;
                }
            }
        }
        if (inQuotes) {
            throw DomainException.invalid("file", "batch.file.csv.quote", quoteOpenedAt);
        }
        if (pending) {
            fields.add(field.toString());
            sink.record(line, List.copyOf(fields));
        }
    }
}
