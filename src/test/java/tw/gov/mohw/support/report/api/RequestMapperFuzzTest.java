package tw.gov.mohw.support.report.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.report.NewReport;
import tw.gov.mohw.support.shared.DomainException;

/**
 * Coverage-guided fuzzing of the API's request mapping: any bytes as a new report's JSON body are either unreadable
 * JSON (the API's 400), refused with violations (422), or a report whose parts are all there. Nothing else may come
 * out: an exception of another kind would be a 500. Bean Validation's size limits are deliberately not applied first,
 * so the mapper is tried on what they would stop too. Kept inputs: {@code RequestMapperFuzzTestInputs}.
 */
class RequestMapperFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "30s")
    void newReport(byte[] body) {
        ReportRequests.NewReportRequest request;
        try {
            request = JSON.readValue(body, ReportRequests.NewReportRequest.class);
        } catch (JacksonException unreadable) {
            return;
        }
        if (request == null) {
            return; // the JSON literal null: Spring refuses a missing body before the mapper (400)
        }
        NewReport report;
        try {
            report = RequestMapper.newReport(request);
        } catch (DomainException refused) {
            if (refused.violations().isEmpty()) {
                throw new AssertionError("refused without saying why", refused);
            }
            return;
        }
        if (report.practitioner() == null || report.supportedInstitution() == null || report.category() == null
                || report.particulars() == null || report.particulars().period() == null
                || report.particulars().schedule() == null) {
            throw new AssertionError("accepted with a part missing: " + report);
        }
    }
}
