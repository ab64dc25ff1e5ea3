package tw.gov.mohw.support.shared;

import java.util.Objects;

/**
 * Who is acting: a signed-in person, a clerk acting for an institution, or a member of staff. What an actor may
 * see and do follows from its role and the one thing that scopes it (its own ID, institution or bureau).
 *
 * @param role what the actor is
 * @param account a stable, unique name of the account ({@code practitioner:A123456789}, {@code institution:0101090517},
 *     {@code staff:alice}); recorded in history and audit
 * @param nationalId the person behind the account when known (personnel always; staff when their account says),
 *     used for "a reviewer never decides their own report"
 * @param institutionCode the institution a clerk acts for
 * @param bureauCode the county code of a bureau member's bureau
 */
public record Actor(Role role, String account, String nationalId, String institutionCode, String bureauCode)
        implements java.io.Serializable {

    public Actor {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(account, "account");
    }

    public static Actor practitioner(String nationalId) {
        return new Actor(Role.PRACTITIONER, "practitioner:" + nationalId, nationalId, null, null);
    }

    public static Actor institution(String institutionCode) {
        return new Actor(Role.INSTITUTION, "institution:" + institutionCode, null, institutionCode, null);
    }

    public static Actor staff(Role role, String username, String bureauCode, String nationalId) {
        return new Actor(role, "staff:" + username, nationalId, null, bureauCode);
    }


    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    /** Staff of a health bureau, who decide or read within their county. */
    public boolean isBureauStaff() {
        return is(Role.REVIEWER, Role.BUREAU_ADMIN);
    }

    @Override
    public String toString() {
        return account;
    }

    /** The actors of domain.md. */
    public enum Role {
        /** 醫事人員: files and reads their own reports. */
        PRACTITIONER,
        /** 醫事機構 clerk: files for the institution's staff, reads reports naming the institution. */
        INSTITUTION,
        /** 衛生局 reviewer: reviews and decides in the bureau's jurisdiction. */
        REVIEWER,
        /** 衛生局 administrator: as reviewer, and manages the bureau's accounts. */
        BUREAU_ADMIN,
        /** 衛福部: reads everything. */
        NATIONAL_VIEWER,
        /** Operator: reference data, rule parameters, the audit trail. */
        SYSTEM_ADMIN,
        /**
         * 健保署, the insurer: an API client only (made by system administrators), which reads approved support
         * nationwide — what its billing needs — and nothing else.
         */
        INSURER
    }
}
