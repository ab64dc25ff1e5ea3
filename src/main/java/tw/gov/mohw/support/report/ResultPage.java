package tw.gov.mohw.support.report;

import java.util.List;

/** One page of a list, with the total so a client can page. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {
}
