package tw.gov.mohw.support.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;

/**
 * A refusal answered as an OperationOutcome. The diagnostics are fixed English texts (FHIR clients are machines),
 * never the raw input, so nothing a caller sends is echoed back.
 */
final class FhirProblem extends RuntimeException {

    private final HttpStatus status;
    private final OperationOutcome.IssueType type;

    private FhirProblem(HttpStatus status, OperationOutcome.IssueType type, String diagnostics) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.type = type;
    }

    static FhirProblem badRequest(String diagnostics) {
        return new FhirProblem(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.INVALID, diagnostics);
    }

    static FhirProblem notSupported(String diagnostics) {
        return new FhirProblem(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.NOTSUPPORTED, diagnostics);
    }

    /** Not there, or not there for this caller: the two read the same, so an id reveals nothing. */
    static FhirProblem notFound() {
        return new FhirProblem(HttpStatus.NOT_FOUND, OperationOutcome.IssueType.NOTFOUND, "Resource not found");
    }

    HttpStatus status() {
        return status;
    }

    OperationOutcome outcome() {
        return outcome(type, getMessage());
    }

    static OperationOutcome outcome(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }
}
