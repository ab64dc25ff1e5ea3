-- 批次報備: an institution clerk's upload, checked and filed row by row in the background. The job's state is here,
-- not in a node's memory, so a reload shows its progress and a node that dies leaves it to another (its lease runs
-- out); each row is filed with its own idempotency key, so a resumed job files nothing twice.
create table batch (
    id               bigint generated always as identity primary key,
    institution_code text not null,
    account          text not null,
    file_name        text not null,
    format           text not null,
    content          bytea not null,
    state            text not null check (state in ('CHECKING', 'CHECKED', 'FILING', 'DONE', 'FAILED')),
    rows_total       int not null,
    rows_checked     int not null default 0,
    rows_filed       int not null default 0,
    lease_owner      text,
    lease_until      timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index batch_institution_idx on batch (institution_code, id desc);
create index batch_work_idx on batch (id) where state in ('CHECKING', 'FILING');

create table batch_row (
    batch_id        bigint not null references batch (id) on delete cascade,
    line            int not null,
    cells           jsonb not null,
    idempotency_key text not null,
    state           text not null
        check (state in ('PENDING', 'READY', 'INVALID', 'FILED_BEFORE', 'FILED', 'REFUSED')),
    problems        jsonb,
    report_id       bigint,
    case_number     text,
    primary key (batch_id, line)
);
