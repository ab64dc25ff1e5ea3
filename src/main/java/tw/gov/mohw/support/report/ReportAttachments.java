package tw.gov.mohw.support.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.gov.mohw.support.registry.RocDates;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * Attachments to a report (附件, e.g. 支援同意書). The applicant side adds them while the report can still change (a
 * draft, under review, returned, or with a change under review) and removes them only while it is theirs to edit (a
 * draft, or returned): what a reviewer is deciding on can grow, never quietly shrink. Everyone who may read the
 * report may read them. A file is accepted only as what its bytes are, PDF, JPEG or PNG (a renamed file is refused,
 * and its name gets the extension of what it is). The check reads structure, never decodes content: a PDF must
 * begin and end as one and not be encrypted; a picture's header must give a sane size. Nothing an upload contains is
 * decompressed here, so a small file cannot unpack into gigabytes.
 */
@Component
public class ReportAttachments {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_PER_REPORT = 10;
    /** Removed files keep their bytes (a reviewer may have seen them): this bounds what adding and removing can store. */
    static final int MAX_STORED_PER_REPORT = 30;
    static final int MAX_NAME = 100;

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
        reports.readable(actor, reportId);
        return jdbc.sql("""
                select id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at from report_attachment
                where report_id = ? and removed_at is null order by id""").param(reportId)
                .query(ReportAttachments::row).list();
    }

    public Content content(Actor actor, long reportId, long attachmentId) {
        reports.readable(actor, reportId);
        return jdbc.sql("""
                select id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at, content
                from report_attachment where report_id = ? and id = ? and removed_at is null""")
                .params(reportId, attachmentId)
                .query((rs, i) -> new Content(row(rs, i), rs.getBytes("content"))).optional()
                .orElseThrow(ReportAttachments::notFound);
    }

    public Attachment add(Actor actor, long reportId, String fileName, byte[] bytes) {
        // who may add comes first: nobody else gets their file looked at
        tx.executeWithoutResult(s -> requireAddable(reports.lockedFor(actor, reportId, ReportAction.ATTACH)));
        if (bytes == null || bytes.length == 0) {
            throw DomainException.invalid("file", "attachment.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw DomainException.invalid("file", "attachment.too.large", MAX_BYTES / 1024 / 1024);
        }
        String mediaType = AttachmentContent.mediaTypeOf(bytes);
        String name = cleanName(fileName, mediaType);
        String sha256 = HexFormat.of().formatHex(sha256(bytes));
        Instant now = clock.instant();
        return tx.execute(s -> {
            requireAddable(reports.lockedFor(actor, reportId, ReportAction.ATTACH));
            var counts = jdbc.sql("select count(*) filter (where removed_at is null), count(*) from report_attachment "
                    + "where report_id = ?").param(reportId).query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)})
                    .single();
            if (counts[0] >= MAX_PER_REPORT || counts[1] >= MAX_STORED_PER_REPORT) {
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
            SupportReport report = reports.lockedFor(actor, reportId, ReportAction.REMOVE_ATTACHMENT);
            if (!report.possibleNow(RocDates.today(clock)).contains(ReportAction.REMOVE_ATTACHMENT)) {
                throw new DomainException(DomainException.Kind.CONFLICT, Violation.of("file", "attachment.keep"));
            }
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

    /** While the report can still change (the lifecycle's {@link ReportAction#ATTACH}); the actor is checked. */
    private void requireAddable(SupportReport report) {
        if (!report.possibleNow(RocDates.today(clock)).contains(ReportAction.ATTACH)) {
            throw new DomainException(DomainException.Kind.CONFLICT, Violation.of("file", "attachment.locked"));
        }
    }

    /**
     * The name without any path, control, format (e.g. right-to-left override) or reserved characters, ending in the
     * extension of what the file is (a PDF named x.html is saved as x.html.pdf), at most 100 characters.
     */
    static String cleanName(String raw, String mediaType) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\"<>|:*?]", "")
                .strip();
        String extension = switch (mediaType) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            default -> ".jpg";
        };
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean jpeg = extension.equals(".jpg") && lower.endsWith(".jpeg");
        boolean fits = jpeg || lower.endsWith(extension);
        // the extension as typed when it is right, else the right one after the whole name
        String kept = fits ? name.substring(name.length() - (jpeg ? 5 : extension.length())) : extension;
        String stem = fits ? name.substring(0, name.length() - kept.length()) : name;
        if (stem.isBlank()) {
            stem = "附件";
        }
        int room = MAX_NAME - kept.length();
        return (stem.length() <= room ? stem : stem.substring(0, room)) + kept;
    }

    private static boolean contains(byte[] b, String token) {
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= b.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
