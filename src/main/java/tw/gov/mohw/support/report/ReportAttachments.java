package tw.gov.mohw.support.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Attachments to a report (附件, e.g. 支援同意書). The applicant side adds and removes them while the report can still
 * change (a draft, under review, returned, or with a change under review); everyone who may read the report may read
 * them. A file is accepted only as what its content is, PDF, JPEG or PNG, and only when it can be read as such
 * (a renamed executable, a broken or password-protected PDF is refused), whatever its name says.
 */
@Component
public class ReportAttachments {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_PER_REPORT = 10;
    static final int MAX_NAME = 100;
    private static final int MAX_PIXELS_SIDE = 20_000;

    /** An attachment's description. */
    public record Attachment(long id, String fileName, String mediaType, int size, String sha256, String uploadedBy,
            Instant uploadedAt) {
    }

    /** An attachment with its bytes, for download. */
    public record Content(Attachment attachment, byte[] bytes) {
    }

    private final SupportReports reports;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReportAttachments(SupportReports reports, JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
            Clock clock) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** The live attachments of a report the actor may read, oldest first. */
    public List<Attachment> list(Actor actor, long reportId) {
        return tx.execute(s -> {
            reports.accessible(actor, reportId, false);
            return jdbc.sql("""
                    select id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at from report_attachment
                    where report_id = ? and removed_at is null order by id""").param(reportId)
                    .query(ReportAttachments::row).list();
        });
    }

    public Content content(Actor actor, long reportId, long attachmentId) {
        return tx.execute(s -> {
            reports.accessible(actor, reportId, false);
            return jdbc.sql("""
                    select id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at, content
                    from report_attachment where report_id = ? and id = ? and removed_at is null""")
                    .params(reportId, attachmentId)
                    .query((rs, i) -> new Content(row(rs, i), rs.getBytes("content"))).optional()
                    .orElseThrow(ReportAttachments::notFound);
        });
    }

    public Attachment add(Actor actor, long reportId, String fileName, byte[] bytes) {
        String name = cleanName(fileName);
        if (bytes == null || bytes.length == 0) {
            throw DomainException.invalid("file", "attachment.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw DomainException.invalid("file", "attachment.too.large", MAX_BYTES / 1024 / 1024);
        }
        String mediaType = mediaTypeOf(bytes);
        String sha256 = HexFormat.of().formatHex(sha256(bytes));
        Instant now = clock.instant();
        return tx.execute(s -> {
            SupportReport report = reports.accessible(actor, reportId, true);
            requireChangeable(report);
            int live = jdbc.sql("select count(*) from report_attachment where report_id = ? and removed_at is null")
                    .param(reportId).query(Integer.class).single();
            if (live >= MAX_PER_REPORT) {
                throw DomainException.invalid("file", "attachment.too.many", MAX_PER_REPORT);
            }
            long id = jdbc.sql("""
                    insert into report_attachment (report_id, file_name, media_type, size_bytes, sha256, content,
                        uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(reportId, name, mediaType, bytes.length, HexFormat.of().parseHex(sha256), bytes,
                            actor.account(), now.atOffset(ZoneOffset.UTC))
                    .query(Long.class).single();
            events.publishEvent(new AttachmentRecorded(reportId, id, "added", actor.account(), now, name, sha256));
            return new Attachment(id, name, mediaType, bytes.length, sha256, actor.account(), now);
        });
    }

    public void remove(Actor actor, long reportId, long attachmentId) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            SupportReport report = reports.accessible(actor, reportId, true);
            requireChangeable(report);
            var removed = jdbc.sql("""
                    update report_attachment set removed_at = ?, removed_by = ?
                    where report_id = ? and id = ? and removed_at is null returning file_name, sha256""")
                    .params(now.atOffset(ZoneOffset.UTC), actor.account(), reportId, attachmentId)
                    .query((rs, i) -> new String[] {rs.getString(1), HexFormat.of().formatHex(rs.getBytes(2))})
                    .optional().orElseThrow(ReportAttachments::notFound);
            events.publishEvent(new AttachmentRecorded(reportId, attachmentId, "removed", actor.account(), now,
                    removed[0], removed[1]));
        });
    }

    /** Whether the applicant side may still add or remove attachments. */
    public static boolean changeable(ReportView report) {
        return report.status() == ReportStatus.DRAFT || report.status() == ReportStatus.SUBMITTED
                || report.status() == ReportStatus.RETURNED || report.pendingChange() != null;
    }

    private static void requireChangeable(SupportReport report) {
        ReportStatus status = report.status();
        if (!(status == ReportStatus.DRAFT || status == ReportStatus.SUBMITTED || status == ReportStatus.RETURNED
                || report.pendingChange().isPresent())) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of("file", "attachment.locked"));
        }
    }

    /** PDF, JPEG or PNG by content, and readable as such; anything else is refused. */
    static String mediaTypeOf(byte[] b) {
        if (startsWith(b, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            try (PDDocument pdf = Loader.loadPDF(b)) {
                if (pdf.getNumberOfPages() > 0 && !pdf.isEncrypted()) {
                    return "application/pdf";
                }
            } catch (IOException e) {
                // refused below
            }
            throw DomainException.invalid("file", "attachment.unreadable");
        }
        boolean jpeg = startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        boolean png = startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        if (!jpeg && !png) {
            throw DomainException.invalid("file", "attachment.type");
        }
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            var readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                var reader = readers.next();
                try {
                    reader.setInput(in);
                    // the size from the header only: a small file claiming a huge picture is refused unread
                    int w = reader.getWidth(0);
                    int h = reader.getHeight(0);
                    if (w > 0 && h > 0 && w <= MAX_PIXELS_SIDE && h <= MAX_PIXELS_SIDE) {
                        return jpeg ? "image/jpeg" : "image/png";
                    }
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            // refused below
        }
        throw DomainException.invalid("file", "attachment.unreadable");
    }

    /** The name without any path, control or reserved characters, at most 100 characters. */
    static String cleanName(String raw) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "").strip();
        if (name.isEmpty()) {
            name = "附件";
        }
        return name.length() <= MAX_NAME ? name : name.substring(name.length() - MAX_NAME);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException notFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, Violation.of(null, "attachment.not.found"));
    }

    private static Attachment row(ResultSet rs, int i) throws SQLException {
        return new Attachment(rs.getLong("id"), rs.getString("file_name"), rs.getString("media_type"),
                rs.getInt("size_bytes"), HexFormat.of().formatHex(rs.getBytes("sha256")), rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
    }
}
