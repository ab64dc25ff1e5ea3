-- Electronic consent (電子同意) of the supported institution: requested by the applicant, answered by a clerk of
-- the supported institution (agree, or decline with a reason). Every step is also in report_transition.
alter table support_report
    add column consent_state  text not null default 'NONE'
        check (consent_state in ('NONE', 'REQUESTED', 'AGREED', 'DECLINED')),
    add column consent_by     text,
    add column consent_reason text,
    add column consent_at     timestamptz;
-- what waits for an institution's answer
create index support_report_consent_idx on support_report (supported_institution) where consent_state = 'REQUESTED';
