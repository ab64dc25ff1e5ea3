-- The ministry's list of everything, newest first, pages through this index instead of sorting the table.
create index support_report_created_idx on support_report (created_at desc, id desc);
