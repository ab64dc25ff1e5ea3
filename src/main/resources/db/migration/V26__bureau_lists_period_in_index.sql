-- A bureau's searches at 10 M reports (issue 15, BENCHMARKS.md "10 M reports"). A bureau's lists read each arm
-- (what it decides, what it is informed of) newest first from its list index (V17, V18) and fetched the rows one by
-- one to test the other filters: a period (a month a year back: 4.6 s for the largest bureau's 1.9 M reports) or
-- another bureau (the count: 0.8 s). With the period and the other arm's bureau in the key, as the status indexes
-- have the period, those filters are tested inside the index, and the page's ids are read from it alone
-- (ReportQueries reads the rows of the page only).
drop index support_report_bureau_idx;
create index support_report_bureau_idx on support_report
    (deciding_bureau, created_at desc, id desc, period_end, period_start, informed_bureau)
    where case_number is not null;
drop index support_report_informed_bureau_idx;
create index support_report_informed_bureau_idx on support_report
    (informed_bureau, created_at desc, id desc, period_end, period_start, deciding_bureau)
    where case_number is not null and informed_bureau is not null;
