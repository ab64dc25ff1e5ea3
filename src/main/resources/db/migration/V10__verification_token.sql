-- The token in a printout's QR code: unguessable (128 random bits), one per report and approval number printed,
-- opening a public page that shows masked, minimal data and whether the printed document is still valid.
create table verification_token (
    token           text primary key,
    report_id       bigint not null references support_report (id),
    approval_number text not null default '',
    created_at      timestamptz not null,
    unique (report_id, approval_number)
);
