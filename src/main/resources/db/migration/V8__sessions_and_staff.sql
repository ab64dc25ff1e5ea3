-- Sessions, shared by every application node (Spring Session JDBC's PostgreSQL schema; it is not created for an
-- external database, so it lives here).
create table spring_session (
    primary_id            char(36) not null constraint spring_session_pk primary key,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
        on delete cascade
);

-- Accounts of health-bureau and ministry staff. People and institutions have none: their cards are their accounts.
-- A password is stored only as a one-way hash; the TOTP secret is what an authenticator app shares with us.
create table staff_account (
    username       text primary key check (username ~ '^[a-z0-9][a-z0-9._-]{0,31}$'),
    role           text not null check (role in ('REVIEWER', 'BUREAU_ADMIN', 'NATIONAL_VIEWER', 'SYSTEM_ADMIN')),
    bureau_code    text references health_bureau (county_code),
    display_name   text not null,
    national_id    text,
    password_hash  text not null,
    totp_secret    bytea not null,
    last_totp_step bigint not null default 0,
    enabled        boolean not null default true,
    created_by     text not null,
    created_at     timestamptz not null,
    disabled_by    text,
    disabled_at    timestamptz,
    check ((role in ('REVIEWER', 'BUREAU_ADMIN')) = (bureau_code is not null))
);
create unique index staff_account_national_id_idx on staff_account (national_id) where national_id is not null;

-- Failed secrets (an NHI card's web password, a staff password or TOTP code): enough of them in a window locks
-- that sign-in for a while. Keyed by what was attacked, never by the secret.
create table sign_in_failure (
    id      bigint generated always as identity primary key,
    subject text not null,
    at      timestamptz not null
);
create index sign_in_failure_subject_idx on sign_in_failure (subject, at);
