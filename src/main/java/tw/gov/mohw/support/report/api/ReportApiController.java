package tw.gov.mohw.support.report.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.report.ReportQuery;
import tw.gov.mohw.support.report.ReportStatus;
import tw.gov.mohw.support.report.ReportSummary;
import tw.gov.mohw.support.report.ReportView;
import tw.gov.mohw.support.report.ResultPage;
import tw.gov.mohw.support.report.Revision;
import tw.gov.mohw.support.report.SupportReports;
import tw.gov.mohw.support.report.Week;
import tw.gov.mohw.support.report.api.ReportRequests.CancelRequest;
import tw.gov.mohw.support.report.api.ReportRequests.DecisionRequest;
import tw.gov.mohw.support.report.api.ReportRequests.NewReportRequest;
import tw.gov.mohw.support.report.api.ReportRequests.ParticularsRequest;
import tw.gov.mohw.support.report.api.ReportRequests.ReasonRequest;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;

/** The support report JSON API. Thin: it maps text to domain values and hands over to {@link SupportReports}. */
@Tag(name = "reports", description = "報備支援申請")
@RestController
@RequestMapping("/api/v1")
class ReportApiController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SupportReports reports;

    ReportApiController(SupportReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Save a new draft (草稿)")
    @PostMapping("/reports")
    ResponseEntity<ReportView> createDraft(@AuthenticationPrincipal Actor actor,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 8, max = 64) String key,
            @Valid @RequestBody NewReportRequest body) {
        var created = reports.createDraft(actor, RequestMapper.newReport(body), key);
        return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(created.report());
    }

    @Operation(summary = "File and submit a new report (登錄) in one step; the Idempotency-Key makes retries safe")
    @PostMapping("/submissions")
    ResponseEntity<ReportView> file(@AuthenticationPrincipal Actor actor,
            @RequestHeader(name = IDEMPOTENCY_KEY) @Size(min = 8, max = 64) String key,
            @Valid @RequestBody NewReportRequest body) {
        var created = reports.file(actor, RequestMapper.newReport(body), key);
        return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(created.report());
    }

    @Operation(summary = "Edit a draft, correct a returned report, or correct a returned change")
    @PutMapping("/reports/{id}")
    ReportView update(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @Valid @RequestBody ParticularsRequest body) {
        return reports.update(actor, id, RequestMapper.particulars(body));
    }

    @Operation(summary = "Submit a draft (登錄) or resubmit after a return (補正)")
    @PostMapping("/reports/{id}/submit")
    ReportView submit(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        return reports.submit(actor, id);
    }

    @Operation(summary = "Withdraw (撤回) before a decision, or withdraw a waiting change")
    @PostMapping("/reports/{id}/withdraw")
    ReportView withdraw(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @Valid @RequestBody(required = false) ReasonRequest body) {
        return reports.withdraw(actor, id, body == null ? null : body.reason());
    }

    @Operation(summary = "Request a change (變更) of an approved report; the approved version stays in force meanwhile")
    @PostMapping("/reports/{id}/changes")
    ReportView change(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @Valid @RequestBody ParticularsRequest body) {
        return reports.requestChange(actor, id, RequestMapper.particulars(body), body.reason());
    }

    @Operation(summary = "Cancel (註銷) an approved report from a date")
    @PostMapping("/reports/{id}/cancel")
    ReportView cancel(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @Valid @RequestBody CancelRequest body) {
        return reports.cancel(actor, id, tw.gov.mohw.support.report.ReportInput.date("from", body.from()), body.reason());
    }

    @Operation(summary = "Decide (核准 APPROVE / 退回補正 RETURN / 駁回 REJECT) what waits on a report")
    @PostMapping("/reports/{id}/decisions")
    ReportView decide(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @Valid @RequestBody DecisionRequest body) {
        return reports.decide(actor, id, RequestMapper.decision(body.decision()), body.reason());
    }

    @Operation(summary = "One report, with its history")
    @GetMapping("/reports/{id}")
    ReportView get(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        return reports.get(actor, id);
    }

    @Operation(summary = "Every revision of a report: as filed, each correction and each change")
    @GetMapping("/reports/{id}/revisions")
    List<Revision> revisions(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        return reports.revisions(actor, id);
    }

    @Operation(summary = "The person's full national ID, for staff; every display is audited")
    @GetMapping("/reports/{id}/national-id")
    Map<String, String> nationalId(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        return Map.of("nationalId", reports.discloseNationalId(actor, id));
    }

    @Operation(summary = "Search reports within the caller's scope")
    @GetMapping("/reports")
    ResultPage<ReportSummary> search(@AuthenticationPrincipal Actor actor,
            @Parameter(description = "national ID of the person") @RequestParam(required = false) @Size(max = 10) String practitioner,
            @Parameter(description = "home or supported institution code") @RequestParam(required = false) @Size(max = 10) String institution,
            @Parameter(description = "one or more statuses, comma-separated") @RequestParam(required = false) @Size(max = 100) String status,
            @Parameter(description = "period meets this date or later (ISO or ROC)") @RequestParam(required = false) @Size(max = 30) String from,
            @Parameter(description = "period meets this date or earlier (ISO or ROC)") @RequestParam(required = false) @Size(max = 30) String to,
            @Parameter(description = "county code of a bureau") @RequestParam(required = false) @Size(max = 5) String bureau,
            @Parameter(description = "only what waits for a decision, oldest first") @RequestParam(defaultValue = "false") boolean awaitingDecision,
            @RequestParam(defaultValue = "CREATED_AT") @Size(max = 20) String sort,
            @RequestParam(defaultValue = "desc") @Size(max = 4) String order,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(ReportQuery.MAX_SIZE) int size) {
        var query = new ReportQuery(
                practitioner == null ? null : withField("practitioner", () -> NationalId.parse(practitioner)),
                institution == null ? null : withField("institution", () -> InstitutionCode.parse(institution)),
                statuses(status),
                from == null ? null : tw.gov.mohw.support.report.ReportInput.date("from", from),
                to == null ? null : tw.gov.mohw.support.report.ReportInput.date("to", to),
                bureau, awaitingDecision,
                withField("sort", () -> ReportQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT))),
                !"asc".equalsIgnoreCase(order), page, size);
        return reports.search(actor, query);
    }

    @Operation(summary = "A person's commitments in the week of a date, for a timetable")
    @GetMapping("/practitioners/{nationalId}/week")
    Week week(@AuthenticationPrincipal Actor actor, @PathVariable @Size(max = 10) String nationalId,
            @RequestParam(required = false) @Size(max = 30) String date) {
        LocalDate day = date == null ? LocalDate.now(tw.gov.mohw.support.registry.RocDates.ZONE)
                : tw.gov.mohw.support.report.ReportInput.date("date", date);
        return reports.week(actor, withField("nationalId", () -> NationalId.parse(nationalId)), day);
    }

    private static Set<ReportStatus> statuses(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> withField("status", () -> ReportStatus.valueOf(s.toUpperCase(Locale.ROOT))))
                .collect(Collectors.toSet());
    }

    /** Runs a parse and names the field in any problem it reports. */
    private static <T> T withField(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DomainException e) {
            throw DomainException.invalid(field, e.violations().get(0).messageKey(),
                    e.violations().get(0).args().toArray());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "field.invalid");
        }
    }
}
