package tw.gov.mohw.support.report;

import java.util.List;

/**
 * One page of a list, with the total so a client can page. Totals are counted up to 10,000; beyond that
 * {@code totalExact} is false and {@code total} says "at least".
 */
public record ResultPage<T>(List<T> items, int page, int size, long total, boolean totalExact) {
}
