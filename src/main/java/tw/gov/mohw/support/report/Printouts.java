package tw.gov.mohw.support.report;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.registry.RocDates;

/**
 * What a printout's QR code opens: an unguessable token per report and printed approval number, and the public
 * answer to "is this document still valid?" — minimal and masked, for anyone holding the paper.
 */
@Component
public class Printouts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ReportRepository reports;
    private final Registry registry;
    private final Clock clock;

    Printouts(JdbcClient jdbc, ReportRepository reports, Registry registry, Clock clock) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.registry = registry;
        this.clock = clock;
    }

    /** What the paper says now. */
    public enum Validity {
        /** Approved, and this approval is the one in force. */
        IN_FORCE,
        /** Approved, but changed since: another approval number is in force. */
        CHANGED,
        /** Ended early (註銷). */
        CANCELLED,
        /** Its period is over. */
        ENDED,
        /** Filed, not decided yet. */
        UNDER_REVIEW,
        /** Rejected or withdrawn: never in force. */
        NOT_IN_FORCE
    }

    /**
     * The public page's data: nothing that identifies the person beyond a masked name and ID.
     *
     * @param decidingBureau the name of the bureau that decides (or decided) it, whom a doubting reader may ask
     */
    public record PublicView(String caseNumber, String printedApprovalNumber, String approvalNumberInForce,
            Validity validity, LocalDate periodStart, LocalDate periodEnd, LocalDate cancelledFrom,
            String supportedInstitution, String decidingBureau, String maskedName, String maskedNationalId) {
    }

    /** The token for a printout of this report as it stands (one per approval number; made on first print). */
    public String token(long reportId, String approvalNumber) {
        String printed = approvalNumber == null ? "" : approvalNumber;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        jdbc.sql("""
                insert into verification_token (token, report_id, approval_number, created_at) values (?, ?, ?, ?)
                on conflict (report_id, approval_number) do nothing""")
                .params(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), reportId, printed,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return jdbc.sql("select token from verification_token where report_id = ? and approval_number = ?")
                .params(reportId, printed).query(String.class).single();
    }

    public Optional<PublicView> verify(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{22}")) {
            return Optional.empty();
        }
        return jdbc.sql("select report_id, approval_number from verification_token where token = ?").param(token)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .flatMap(row -> reports.find((Long) row[0]).map(report -> view(report, (String) row[1])));
    }

    private PublicView view(SupportReport report, String printed) {
        LocalDate today = RocDates.today(clock);
        Validity validity = switch (report.status()) {
            case DRAFT, SUBMITTED, RETURNED -> Validity.UNDER_REVIEW;
            case REJECTED, WITHDRAWN -> Validity.NOT_IN_FORCE;
            case CANCELLED -> Validity.CANCELLED;
            case APPROVED -> report.hasEnded(today) ? Validity.ENDED
                    : !printed.isEmpty() && !printed.equals(report.approvalNumber()) ? Validity.CHANGED
                    : Validity.IN_FORCE;
        };
        var person = registry.practitioner(report.practitionerId());
        var period = report.inForce().particulars().period();
        return new PublicView(report.caseNumber(), printed.isEmpty() ? null : printed, report.approvalNumber(),
                validity, period.start(), period.end(), report.cancelledFrom(),
                registry.institution(report.supportedInstitution()).map(i -> i.name()).orElse(null),
                registry.bureau(report.decidingBureau()).map(b -> b.name()).orElse(null),
                person.map(p -> maskName(p.name())).orElse(null),
                person.map(p -> p.nationalId().masked()).orElse(null));
    }

    /** 王小明 → 王○明; 王明 → 王○. */
    static String maskName(String name) {
        if (name == null || name.length() < 2) {
            return name;
        }
        return name.length() == 2 ? name.charAt(0) + "○"
                : name.charAt(0) + "○".repeat(name.length() - 2) + name.charAt(name.length() - 1);
    }

}
