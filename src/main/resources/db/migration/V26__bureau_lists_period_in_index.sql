-- A bureau's period search at 10 M reports (issue 15, BENCHMARKS.md "10 M reports"): GET /api/v1/reports?from=…&to=…
-- lists the bureau's reports meeting a period, newest first. Each arm is read newest first from its list index
-- (V17, V18) and its rows were fetched one by one to test their period: for a month a year back that was most of
-- a large bureau's 1.7 M reports. With the period in the key, as the status indexes have it, the period is tested
-- inside the index, and the page's ids are read from it alone (ReportQueries reads the rows of the page only).
drop index support_report_bureau_idx;
create index support_report_bureau_idx on support_report (deciding_bureau, created_at desc, id desc, period_end, period_start)
    where case_number is not null;
drop index support_report_informed_bureau_idx;
create index support_report_informed_bureau_idx on support_report
    (informed_bureau, created_at desc, id desc, period_end, period_start)
    where case_number is not null and informed_bureau is not null;
