-- The business audit trail: append-only and hash-chained. Each entry's hash covers its content and the hash of
-- the entry before it; audit_head remembers the newest hash and the count, so deleting the newest entries is
-- detected too.
create table audit_entry (
    id         bigint primary key,
    at         timestamptz not null,
    actor      text not null,
    action     text not null,
    subject    text not null,
    details    text not null,
    prev_hash  bytea not null,
    hash       bytea not null
);
create index audit_entry_subject_idx on audit_entry (subject, id);

create table audit_head (
    singleton  boolean primary key default true check (singleton),
    last_id    bigint not null,
    last_hash  bytea not null
);
insert into audit_head (singleton, last_id, last_hash) values (true, 0, '\x'::bytea);

create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only';
end $$;
create trigger audit_entry_no_update before update or delete on audit_entry for each row execute function audit_append_only();

-- Spring Modulith's event publication registry (schema v2 for PostgreSQL): events between modules are stored
-- with the transaction that raised them and retried until their listener completes.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

create table event_publication_archive (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_archive_serialized_event_hash_idx on event_publication_archive using hash (serialized_event);
create index event_publication_archive_by_completion_date_idx on event_publication_archive (completion_date);
