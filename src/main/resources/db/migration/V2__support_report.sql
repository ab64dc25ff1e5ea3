-- The support report aggregate: the report row, its revisions (the particulars as filed, and every change
-- request), and its history. Nothing here is ever deleted.

create table support_report (
    id                     bigint generated always as identity primary key,
    case_number            text unique,
    approval_number        text unique,
    status                 text not null,
    practitioner_id        bigint not null references practitioner,
    home_institution       char(10) not null references institution,
    supported_institution  char(10) not null references institution,
    deciding_bureau        varchar(5) not null references health_bureau,
    home_bureau            varchar(5) not null references health_bureau,
    category               text not null,
    filed_by               text not null,
    acting_for             char(10),
    in_force_revision      int not null,
    pending_revision       int,
    -- the period of the in-force (or, before approval, the working) revision: what lists and the overlap
    -- check filter on, kept here so they need no join
    period_start           date not null,
    period_end             date not null,
    -- the last day the report binds anyone: period_end, or the day before a cancellation took effect
    effective_end          date not null,
    cancelled_from         date,
    -- since when something (a submission or a change) waits for the bureau; null when nothing does
    queued_at              timestamptz,
    submitted_at           timestamptz,
    idempotency_key        text,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                int not null
);

-- A person's reports, and the overlap check (live reports of one person that have not ended).
create index support_report_practitioner_idx on support_report (practitioner_id, effective_end);
-- A bureau's queue, oldest first.
create index support_report_queue_idx on support_report (deciding_bureau, queued_at) where queued_at is not null;
-- Lists by bureau, home bureau (副知) and institution, newest first.
create index support_report_bureau_idx on support_report (deciding_bureau, created_at desc);
create index support_report_home_bureau_idx on support_report (home_bureau, created_at desc) where home_bureau <> deciding_bureau;
create index support_report_home_institution_idx on support_report (home_institution, created_at desc);
create index support_report_supported_institution_idx on support_report (supported_institution, created_at desc);
-- The same idempotency key from the same actor never creates a second report.
create unique index support_report_idempotency_idx on support_report (filed_by, idempotency_key) where idempotency_key is not null;

create table report_revision (
    report_id       bigint not null references support_report,
    revision_no     int not null,
    state           text not null,
    department_code varchar(4) not null references department,
    content         text not null,
    period_start    date not null,
    period_end      date not null,
    schedule        jsonb not null,
    approval_number text unique,
    created_at      timestamptz not null,
    primary key (report_id, revision_no)
);

create table report_transition (
    id          bigint generated always as identity primary key,
    report_id   bigint not null references support_report,
    action      text not null,
    from_status text,
    to_status   text not null,
    revision_no int not null,
    actor       text not null,
    acting_for  char(10),
    reason      text,
    at          timestamptz not null
);
create index report_transition_report_idx on report_transition (report_id, id);

-- Case and approval numbers: one counter per bureau, ROC year and kind. The upsert takes the row lock, so two
-- concurrent submissions can never draw the same number.
create table report_number_counter (
    bureau_code varchar(5) not null,
    roc_year    int not null,
    kind        text not null,
    last_value  int not null,
    primary key (bureau_code, roc_year, kind)
);

-- History is kept forever: refuse deletes of reports, revisions and transitions at the database itself.
create function refuse_delete() returns trigger language plpgsql as $$
begin
    raise exception 'rows of % are never deleted', tg_table_name;
end $$;
create trigger support_report_no_delete before delete on support_report for each row execute function refuse_delete();
create trigger report_revision_no_delete before delete on report_revision for each row execute function refuse_delete();
create trigger report_transition_no_delete before delete on report_transition for each row execute function refuse_delete();
create trigger report_transition_no_update before update on report_transition for each row execute function refuse_delete();
