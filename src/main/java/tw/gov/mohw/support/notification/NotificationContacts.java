package tw.gov.mohw.support.notification;

import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where an account wants its notifications: a mobile number and an e-mail address, each optional. A person's SMS
 * goes to the registry's mobile unless they give another; an institution has only what its clerk gives here.
 */
@Component
class NotificationContacts {

    /** An account's addresses; {@code null} where none is given. */
    record Contact(String mobile, String email) {
        static final Contact NONE = new Contact(null, null);
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationContacts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Contact of(String account) {
        Optional<Contact> c = jdbc.sql("select mobile, email from notification_contact where account = ?")
                .param(account).query((rs, i) -> new Contact(rs.getString(1), rs.getString(2))).optional();
        return c.orElse(Contact.NONE);
    }

    void save(String account, Contact contact) {
        jdbc.sql("""
                insert into notification_contact (account, mobile, email, updated_at) values (?, ?, ?, ?)
                on conflict (account) do update set mobile = excluded.mobile, email = excluded.email,
                    updated_at = excluded.updated_at""")
                .params(account, contact.mobile(), contact.email(), clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
    }
}
