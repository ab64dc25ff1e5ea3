package tw.gov.mohw.support.report.api;

import java.util.List;
import tw.gov.mohw.support.report.Decision;
import tw.gov.mohw.support.report.NewReport;
import tw.gov.mohw.support.report.Particulars;
import tw.gov.mohw.support.report.ReportInput;
import tw.gov.mohw.support.report.api.ReportRequests.NewReportRequest;
import tw.gov.mohw.support.report.api.ReportRequests.PeriodRequest;
import tw.gov.mohw.support.report.api.ReportRequests.ScheduleRequest;

/** The API's request bodies as {@link ReportInput} reads them: the same parser, and messages, as the pages. */
final class RequestMapper {

    private RequestMapper() {}

    static NewReport newReport(NewReportRequest r) {
        return ReportInput.newReport(r.practitioner(), r.supportedInstitution(), r.category(),
                text(r.department(), r.content(), r.period(), r.schedule()));
    }

    static Particulars particulars(ReportRequests.ParticularsRequest r) {
        return ReportInput.particulars(text(r.department(), r.content(), r.period(), r.schedule()));
    }

    static Decision decision(String raw) {
        return ReportInput.decision(raw);
    }

    private static ReportInput.Text text(String department, String content, PeriodRequest period,
            ScheduleRequest schedule) {
        List<ReportInput.SlotText> weekly = schedule == null || schedule.weekly() == null ? List.of()
                : schedule.weekly().stream().map(s -> s == null ? null
                        : new ReportInput.SlotText(s.day(), s.start(), s.end())).toList();
        List<ReportInput.SlotText> dated = schedule == null || schedule.dated() == null ? List.of()
                : schedule.dated().stream().map(s -> s == null ? null
                        : new ReportInput.SlotText(s.date(), s.start(), s.end())).toList();
        return new ReportInput.Text(department, content, period == null ? null : period.start(),
                period == null ? null : period.end(), weekly, dated);
    }
}
