package tw.gov.mohw.support.report;

/**
 * What a report (or a change to it) says: department, content, period and schedule. The person, the institutions
 * and the category are fixed for the life of a report; these may change (變更).
 */
public record Particulars(String departmentCode, String content, Period period, Schedule schedule) {
}
