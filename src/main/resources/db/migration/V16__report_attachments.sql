-- Attachments to a report (e.g. the supported institution's 支援同意書): PDF, JPEG or PNG, checked by content, at most
-- 5 MiB each and 10 live ones a report. Removing one keeps the row (and its bytes) with who removed it and when:
-- nothing a reviewer may have seen is lost.
create table report_attachment (
    id          bigint generated always as identity primary key,
    report_id   bigint not null references support_report,
    file_name   text not null check (length(file_name) between 1 and 100),
    media_type  text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes  int not null check (size_bytes between 1 and 5242880),
    sha256      bytea not null,
    content     bytea not null,
    uploaded_by text not null,
    uploaded_at timestamptz not null,
    removed_at  timestamptz,
    removed_by  text
);
create index report_attachment_report_idx on report_attachment (report_id, id);
