package tw.gov.mohw.support.report;

/**
 * Time a live report holds: its version in force (up to the day before a cancellation) or its waiting change.
 * Read in one query for the overlap check and the timetable, without loading whole aggregates.
 */
record LiveCommitment(long reportId, String caseNumber, ReportStatus status, Routing routing, boolean pending,
        Period period, Schedule schedule) {
}
