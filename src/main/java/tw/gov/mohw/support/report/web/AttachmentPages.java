package tw.gov.mohw.support.report.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tw.gov.mohw.support.report.ReportAttachments;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.web.Problems;

/** 附件 on a report's page: upload, download, remove. */
@Controller
class AttachmentPages {

    private final ReportAttachments attachments;
    private final Problems problems;

    AttachmentPages(ReportAttachments attachments, Problems problems) {
        this.attachments = attachments;
        this.problems = problems;
    }

    @PostMapping("/reports/{id}/attachments")
    String upload(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect,
            Locale locale) throws IOException {
        return act(id, redirect, locale, () -> {
            if (file != null && file.getSize() > ReportAttachments.MAX_BYTES) { // said before reading it into memory
                throw DomainException.invalid("file", "attachment.too.large", ReportAttachments.MAX_BYTES / 1024 / 1024);
            }
            var added = attachments.add(actor, id, file == null ? null : file.getOriginalFilename(),
                    file == null ? new byte[0] : file.getBytes());
            redirect.addFlashAttribute("attached", added.fileName());
        });
    }

    @GetMapping("/reports/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @PathVariable long attachmentId) {
        var content = attachments.content(actor, id, attachmentId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().mediaType()))
                // a download, never shown in our origin; the browser must not guess another type
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content.bytes());
    }

    @PostMapping("/reports/{id}/attachments/{attachmentId}/remove")
    String remove(@AuthenticationPrincipal Actor actor, @PathVariable long id, @PathVariable long attachmentId,
            RedirectAttributes redirect, Locale locale) throws IOException {
        return act(id, redirect, locale, () -> {
            attachments.remove(actor, id, attachmentId);
            redirect.addFlashAttribute("done", "attachmentRemoved");
        });
    }

    private interface Action {
        void run() throws IOException;
    }

    /** Does it, then shows the report's attachments with what happened or why not; a refusal of access is the error page. */
    private String act(long id, RedirectAttributes redirect, Locale locale, Action action) throws IOException {
        try {
            action.run();
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("errors", e.violations().stream().map(v -> problems.message(v, locale))
                    .toList());
        }
        return "redirect:/reports/" + id + "#attachments";
    }
}
