package tw.gov.mohw.support.notification;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tw.gov.mohw.support.mail.MailGateway;
import tw.gov.mohw.support.registry.HealthBureau;
import tw.gov.mohw.support.registry.Institution;
import tw.gov.mohw.support.registry.InstitutionCode;
import tw.gov.mohw.support.registry.Practitioner;
import tw.gov.mohw.support.registry.Registry;
import tw.gov.mohw.support.report.ReportRecorded;
import tw.gov.mohw.support.report.ReportTransitioned;
import tw.gov.mohw.support.shared.PublicUrl;
import tw.gov.mohw.support.sms.SmsGateway;

/**
 * Turns a report's decisions and cancellations into messages waiting to be sent: one row per recipient and channel,
 * written synchronously in the transaction that decided, so a decision committed is a message queued (the
 * {@code notification} table is the outbox {@link NotificationSender} works from) and a filing, which tells nobody,
 * costs nothing here. The rows' unique key makes an event handled twice add nothing.
 */
@Component
class NotificationListener {

    /** What a transition tells its recipients; the template names. */
    enum Kind {
        APPROVED, RETURNED, REJECTED, CANCELLED;

        static Optional<Kind> of(tw.gov.mohw.support.report.Action action) {
            return Optional.ofNullable(switch (action) {
                case APPROVE, APPROVE_CHANGE -> APPROVED;
                case RETURN, RETURN_CHANGE -> RETURNED;
                case REJECT, REJECT_CHANGE -> REJECTED;
                case CANCEL -> CANCELLED;
                default -> null;
            });
        }

        String template() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A text message is at most five 67-character parts; a long reason is cut to keep within it. */
    static final int SMS_REASON = 60;

    private final Registry registry;
    private final NotificationContacts contacts;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String publicUrl;
    private final TemplateEngine templates = textTemplates();
    private final boolean smsAvailable;
    private final boolean mailAvailable;

    NotificationListener(Registry registry, NotificationContacts contacts, JdbcClient jdbc, Clock clock,
            PublicUrl publicUrl,
            ObjectProvider<SmsGateway> sms, ObjectProvider<MailGateway> mail) {
        // With a provider of "none", that channel is not written at all rather than failing for hours.
        this.smsAvailable = sms.getIfAvailable() != null;
        this.mailAvailable = mail.getIfAvailable() != null;
        this.registry = registry;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.clock = clock;
        // a notification has no request to learn the address from; the test environment runs on localhost:8080
        this.publicUrl = publicUrl.orElse(() -> URI.create("http://localhost:8080")).toString().replaceAll("/+$", "");
    }

    @EventListener
    void on(ReportRecorded recorded) {
        if (recorded.practitionerId() == 0) {
            return; // stored before events named the person (a deployment's outstanding ones): nobody to tell
        }
        for (ReportTransitioned t : recorded.transitions()) {
            Kind.of(t.action()).ifPresent(kind -> queue(recorded, t, kind));
        }
    }

    private void queue(ReportRecorded recorded, ReportTransitioned t, Kind kind) {
        Practitioner person = registry.practitioner(recorded.practitionerId()).orElseThrow();
        String supportedName = registry.institution(InstitutionCode.parse(recorded.supportedInstitution()))
                .map(Institution::name).orElse(recorded.supportedInstitution());
        String eventKey = "report:" + recorded.reportId() + ":" + t.action() + ":" + t.at().toEpochMilli();
        // events stored before they named the deciding bureau say "衛生局" alone
        String bureau = recorded.decidingBureau() == null ? "衛生局"
                : registry.bureau(recorded.decidingBureau()).map(HealthBureau::name).orElse("衛生局");

        Map<String, Recipient> recipients = new LinkedHashMap<>();
        String personAccount = "practitioner:" + person.nationalId().value();
        NotificationContacts.Contact own = contacts.of(personAccount);
        recipients.put(personAccount, new Recipient(personAccount, person.name(),
                own.mobile() != null ? own.mobile() : person.mobile(), own.email(), false));
        // the institution that filed: its clerk, or its own system (an API client acting for the home institution),
        // whose news go to the institution's contacts all the same
        String filer = recorded.filedBy() == null ? null
                : recorded.filedBy().startsWith("institution:") ? recorded.filedBy()
                : recorded.filedBy().startsWith("api-client:") && recorded.homeInstitution() != null
                        ? "institution:" + recorded.homeInstitution() : null;
        if (filer != null) {
            String code = filer.substring("institution:".length());
            String name = registry.institution(InstitutionCode.parse(code)).map(Institution::name).orElse(code);
            NotificationContacts.Contact c = contacts.of(filer);
            recipients.putIfAbsent(filer, new Recipient(filer, name, c.mobile(), c.email(), true));
        }

        var now = clock.instant().atOffset(ZoneOffset.UTC);
        for (Recipient r : recipients.values()) {
            Map<String, Object> variables = new java.util.HashMap<>(Map.of(
                    "recipient", r.name(), "forInstitution", r.forInstitution(), "person", person.name(),
                    "caseNumber", recorded.caseNumber(), "approvalNumber", nonNull(recorded.approvalNumber()),
                    "supported", supportedName, "change", t.action().name().endsWith("_CHANGE"),
                    "reason", nonNull(t.reason()), "shortReason", cut(nonNull(t.reason())),
                    "link", publicUrl + "/reports/" + recorded.reportId()));
            variables.put("bureau", bureau);
            Context context = new Context(java.util.Locale.TAIWAN, variables);
            List<Message> messages = new ArrayList<>(2);
            if (smsAvailable && r.mobile() != null) {
                messages.add(new Message(Channel.SMS, r.mobile(), null, render(kind, "sms", context)));
            }
            if (mailAvailable && r.email() != null) {
                String[] mail = render(kind, "mail", context).split("\n", 2);
                messages.add(new Message(Channel.EMAIL, r.email(), mail[0].strip(), mail[1].strip() + "\n"));
            }
            for (Message m : messages) {
                jdbc.sql("""
                        insert into notification (event_key, recipient, channel, address, subject, body, report_id,
                            status, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                        on conflict (event_key, recipient, channel) do nothing""")
                        .params(eventKey, r.account(), m.channel().name(), m.address(), m.subject(), m.body(),
                                recorded.reportId(), now, now)
                        .update();
            }
        }
    }

    private String render(Kind kind, String channel, Context context) {
        return templates.process(kind.template() + "." + channel, context).strip();
    }

    private static String cut(String reason) {
        return reason.length() <= SMS_REASON ? reason : reason.substring(0, SMS_REASON - 1) + "…";
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static TemplateEngine textTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/notification/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        // Spring's engine: expressions in SpEL, as in the pages (the plain engine needs OGNL)
        TemplateEngine engine = new org.thymeleaf.spring6.SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** @param name the person's or the institution's name, for the greeting */
    private record Recipient(String account, String name, String mobile, String email, boolean forInstitution) {
    }

    private record Message(Channel channel, String address, String subject, String body) {
    }
}
