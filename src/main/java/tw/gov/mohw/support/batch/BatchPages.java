package tw.gov.mohw.support.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.NationalId;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;
import tw.gov.mohw.support.web.Problems;

/**
 * 批次報備 for an institution clerk: the template, the upload, the check's progress and preview, filing the ready
 * rows, and the result workbook.
 */
@Controller
class BatchPages {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Batches batches;
    private final BatchReading reading;
    private final Problems problems;
    private final MessageSource messages;
    private final Registry registry;

    BatchPages(Batches batches, BatchReading reading, Problems problems, MessageSource messages, Registry registry) {
        this.registry = registry;
        this.batches = batches;
        this.reading = reading;
        this.problems = problems;
        this.messages = messages;
    }

    @GetMapping("/batches")
    String list(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("batches", batches.recent(actor, 20));
        model.addAttribute("maxMb", BatchFile.MAX_BYTES / 1024 / 1024);
        model.addAttribute("maxRows", BatchFile.MAX_ROWS);
        return "batches/list";
    }

    @GetMapping("/batches/template.xlsx")
    ResponseEntity<byte[]> template(@AuthenticationPrincipal Actor actor) {
        Batches.requireClerk(actor);
        return download("批次報備範本.xlsx", BatchTemplate.template(reading.categories(), reading.departments(),
                actor.institutionCode()));
    }

    @PostMapping("/batches")
    String upload(@AuthenticationPrincipal Actor actor,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect,
            Locale locale) throws IOException {
        Batches.requireClerk(actor);
        try {
            if (file == null || file.isEmpty()) {
                throw DomainException.invalid("file", "batch.file.missing");
            }
            if (file.getSize() > BatchFile.MAX_BYTES) { // said before reading it into memory
                throw DomainException.invalid("file", "batch.file.too.large", BatchFile.MAX_BYTES / 1024 / 1024);
            }
            return "redirect:/batches/" + batches.upload(actor, file.getOriginalFilename(), file.getBytes());
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
            return "redirect:/batches";
        }
    }

    @GetMapping("/batches/{id}")
    String batch(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @RequestParam(name = "problems", defaultValue = "false") boolean problemsOnly, Model model,
            Locale locale) {
        Batches.Batch batch = batches.get(actor, id);
        model.addAttribute("batch", batch);
        if (!batch.working()) {
            model.addAttribute("rows", batches.rows(actor, id, page, problemsOnly).stream()
                    .map(r -> shown(r, locale)).toList());
            int shownTotal = problemsOnly ? batch.count(Batches.RowState.INVALID)
                    + batch.count(Batches.RowState.REFUSED) : batch.total();
            model.addAttribute("page", Math.max(0, page));
            model.addAttribute("pages", Math.max(1, (shownTotal + Batches.PAGE_SIZE - 1) / Batches.PAGE_SIZE));
            model.addAttribute("problemsOnly", problemsOnly);
        }
        return "batches/batch";
    }

    /**
     * For the page's progress bar, asked every second while the job works. Not limited to JSON by {@code produces}:
     * a refusal is then answered like any page's (403, 404), not with 406.
     */
    @GetMapping("/batches/{id}/progress")
    @ResponseBody
    Map<String, Object> progress(@AuthenticationPrincipal Actor actor, @PathVariable long id, Locale locale) {
        Batches.Batch b = batches.get(actor, id);
        Map<String, Object> out = new HashMap<>();
        out.put("state", b.state().name());
        out.put("working", b.working());
        out.put("total", b.total());
        out.put("checked", b.checked());
        out.put("ready", b.toFile());
        out.put("filed", b.filed());
        // what filing has worked through, filed or refused: the bar ends full even when rows were refused
        out.put("processed", b.processed());
        out.put("text", progressText(b, locale));
        return out;
    }

    @PostMapping("/batches/{id}/file")
    String file(@AuthenticationPrincipal Actor actor, @PathVariable long id, RedirectAttributes redirect,
            Locale locale) {
        try {
            batches.file(actor, id);
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/batches/" + id;
    }

    @GetMapping("/batches/{id}/result.xlsx")
    ResponseEntity<byte[]> result(@AuthenticationPrincipal Actor actor, @PathVariable long id, Locale locale) {
        Map<Integer, Batches.Row> rows = new HashMap<>();
        BatchFile.Sheet upload = batches.upload(actor, id, rows);
        Map<Integer, BatchResult.Outcome> outcomes = new HashMap<>();
        rows.forEach((line, r) -> outcomes.put(line, new BatchResult.Outcome(
                messages.getMessage("batch.row.state." + r.state().name(), null, locale),
                String.join("；", texts(r, locale)), r.caseNumber())));
        return download("批次報備結果-" + id + ".xlsx", BatchResult.result(upload, outcomes));
    }

    /** A row as the preview shows it: its national ID masked like everywhere else, each problem with its column. */
    record Shown(int line, String nationalId, String supportedInstitution, String period, Batches.RowState state,
            List<String> problems, Long reportId, String caseNumber) {
    }

    private Shown shown(Batches.Row r, Locale locale) {
        List<String> c = r.cells();
        String site = c.get(BatchColumn.SUPPORTED_INSTITUTION.ordinal());
        // the institution's name, public, helps the clerk see a mistyped code; never the person's (a clerk must
        // not learn from us whom an ID belongs to)
        String siteName = InstitutionCode.isValid(site) ? registry.institution(new InstitutionCode(site))
                .map(i -> site + " " + i.name()).orElse(site) : site;
        return new Shown(r.line(), NationalId.maskAll(c.get(BatchColumn.NATIONAL_ID.ordinal())), siteName,
                c.get(BatchColumn.PERIOD_START.ordinal()) + " – " + c.get(BatchColumn.PERIOD_END.ordinal()),
                r.state(), texts(r, locale), r.reportId(), r.caseNumber());
    }

    /** 「支援起日：日期 1151301 無法辨識。」: each problem after the column it is in. */
    private List<String> texts(Batches.Row r, Locale locale) {
        List<String> out = new ArrayList<>();
        for (Violation v : r.problems()) {
            BatchColumn column = BatchRows.column(v.field());
            String text = problems.message(v, locale);
            out.add(column == null ? text
                    : messages.getMessage("batch.column." + column.name(), null, locale) + "：" + text);
        }
        return out;
    }

    private String progressText(Batches.Batch b, Locale locale) {
        return switch (b.state()) {
            case CHECKING -> messages.getMessage("batch.progress.checking", new Object[] {b.checked(), b.total()},
                    locale);
            case FILING -> messages.getMessage("batch.progress.filing", new Object[] {b.filed(), b.toFile()},
                    locale);
            default -> messages.getMessage("batch.state." + b.state().name(), null, locale);
        };
    }

    private static ResponseEntity<byte[]> download(String name, byte[] content) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }
}
