package tw.gov.mohw.support.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tw.gov.mohw.support.shared.Actor;
import tw.gov.mohw.support.shared.DomainException;
import tw.gov.mohw.support.shared.Violation;

/**
 * The rule parameters in force: the newest version a system administrator saved, or configuration until the first
 * save. Every save is a new numbered version, kept with who saved it and when, and written to the audit trail.
 * Each node asks the database for the newest version number on every use (one primary-key read) and parses a new
 * version once, so a save takes effect on every node at its next submission.
 */
@Component
public class RuleParameters {

    /** A saved version: its number, who saved it and when. */
    public record Version(int number, Instant savedAt, String savedBy) {
    }

    private record Loaded(int version, ReportRules rules) {
    }

    private final ReportRules configured;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile Loaded loaded;

    RuleParameters(ReportRules configured, JdbcClient jdbc, JsonMapper json, TransactionTemplate tx,
            ApplicationEventPublisher events, Clock clock) {
        this.configured = configured;
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.loaded = new Loaded(0, configured);
    }

    /**
     * The parameters in force now; inside a transaction, those in force when it first asked: one command is checked
     * against one version throughout, and asks the database once.
     */
    public ReportRules current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return newest();
        }
        if (TransactionSynchronizationManager.getResource(this) instanceof ReportRules rules) {
            return rules;
        }
        ReportRules rules = newest();
        TransactionSynchronizationManager.bindResource(this, rules);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(RuleParameters.this);
            }
        });
        return rules;
    }

    private ReportRules newest() {
        int newest = jdbc.sql("select coalesce(max(version), 0) from rule_parameters").query(Integer.class).single();
        Loaded l = loaded;
        if (l.version() != newest) {
            l = newest == 0 ? new Loaded(0, configured) : new Loaded(newest, json.readValue(
                    jdbc.sql("select parameters from rule_parameters where version = ?").param(newest)
                            .query(String.class).single(), ReportRules.class));
            loaded = l;
        }
        return l.rules();
    }

    /** The newest saved version, or empty while configuration is in force. */
    public Optional<Version> currentVersion() {
        return history(1).stream().findFirst();
    }

    /** Saved versions, newest first. */
    public List<Version> history(int limit) {
        return jdbc.sql("select version, saved_at, saved_by from rule_parameters order by version desc limit ?")
                .param(limit).query((rs, i) -> new Version(rs.getInt(1),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant(), rs.getString(3))).list();
    }

    /**
     * Saves {@code rules} as the new version in force. Only a system administrator may; {@code basedOn} is the
     * version the administrator edited (0 for configuration), so two administrators saving at once cannot
     * silently overwrite each other: the second is told to look again.
     */
    public Version save(Actor actor, ReportRules rules, int basedOn) {
        if (!actor.is(Actor.Role.SYSTEM_ADMIN)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, Violation.of(null, "rules.forbidden"));
        }
        Instant now = clock.instant();
        String body = json.writeValueAsString(rules);
        return tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('rule_parameters'))").query().listOfRows();
            int newest = jdbc.sql("select coalesce(max(version), 0) from rule_parameters").query(Integer.class)
                    .single();
            if (newest != basedOn) {
                throw new DomainException(DomainException.Kind.CONFLICT, Violation.of(null, "rules.stale"));
            }
            int version = newest + 1;
            jdbc.sql("insert into rule_parameters (version, saved_at, saved_by, parameters) values (?, ?, ?, ?::jsonb)")
                    .params(version, now.atOffset(ZoneOffset.UTC), actor.account(), body).update();
            events.publishEvent(new RuleParametersSaved(version, actor.account(), now, body));
            return new Version(version, now, actor.account());
        });
    }
}
