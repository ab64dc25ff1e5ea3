-- A bureau's lists at a million reports (issue 5's benchmark, bench/backoffice.sh). A bureau reads what it decides
-- and what it is told of (副知); each of the two is read from its own index newest first, ties broken by id, cut to
-- the page, and the two merged (ReportQueries). Only filed reports are listed to staff, hence the partial indexes.
-- A status filter has its own pair, in the same order after the status, with the period in the key so a month's
-- filter is answered from the index. The queue's index gains the id its order ends with, so a deep page is read
-- from the index alone.
drop index support_report_bureau_idx;
drop index support_report_home_bureau_idx;
create index support_report_bureau_idx on support_report (deciding_bureau, created_at desc, id desc)
    where case_number is not null;
create index support_report_home_bureau_idx on support_report (home_bureau, created_at desc, id desc)
    where case_number is not null and home_bureau <> deciding_bureau;
create index support_report_bureau_status_idx on support_report
    (deciding_bureau, status, created_at desc, id desc, period_end, period_start) where case_number is not null;
create index support_report_home_bureau_status_idx on support_report
    (home_bureau, status, created_at desc, id desc, period_end, period_start)
    where case_number is not null and home_bureau <> deciding_bureau;
drop index support_report_queue_idx;
create index support_report_queue_idx on support_report (deciding_bureau, queued_at, id) where queued_at is not null;
