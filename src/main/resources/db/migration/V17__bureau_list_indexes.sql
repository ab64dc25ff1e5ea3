-- A bureau's lists at a million reports (issue 5's benchmark). A bureau reads what it decides and what it is told
-- of (副知); each of the two walks its own index newest first, ties broken by id, and the two are merged in order
-- (UNION ALL → Merge Append) rather than sorting the bureau's whole share of the table. Only filed reports are
-- listed to staff, hence the partial indexes; the included columns answer the status and period filters and the
-- capped count from the index.
drop index support_report_bureau_idx;
drop index support_report_home_bureau_idx;
create index support_report_bureau_idx on support_report (deciding_bureau, created_at desc, id desc)
    include (status, period_start, period_end) where case_number is not null;
create index support_report_home_bureau_idx on support_report (home_bureau, created_at desc, id desc)
    include (status, period_start, period_end) where case_number is not null and home_bureau <> deciding_bureau;
