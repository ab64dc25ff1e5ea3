-- The security log: every sign-in attempt and every refused access, with method, result, reason, address and UTC
-- time. Never a secret: IDs are masked, and there is no column a PIN, password, code or token could go into.
create table security_event (
    id         bigint generated always as identity primary key,
    at         timestamptz not null,
    kind       text not null check (kind in ('SIGN_IN', 'SIGN_OUT', 'ACCESS_REFUSED')),
    method     text,
    outcome    text not null check (outcome in ('SUCCESS', 'FAILURE')),
    reason     text,
    subject    text,
    ip         text,
    user_agent text
);
create index security_event_at_idx on security_event (at);
create index security_event_subject_idx on security_event (subject, at) where subject is not null;
