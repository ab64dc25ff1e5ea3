-- Statistics at 10 M reports (issue 15, BENCHMARKS.md "10 M reports"). A bureau's statistics read the department
-- from each report's in-force revision and the first decision from its transitions: at 10 M reports that joined
-- the ~1.7 M reports a large bureau decides to 10 M revisions and 26 M transitions, seconds a page. Both are now
-- kept on the report row, written with it (ReportRepository.save, the synthetic data's COPY):
--   department_code   the in-force revision's department (changes when a change is approved, as the period does);
--   first_decided_at  when the bureau first approved, returned or rejected it (the first such transition; never
--                     changes once set).
-- The bureau status index gains them (and the category, the person and the filing time) as included columns, so
-- a bureau's statistics are read from that index alone; a decision already rewrote that index's entry (the status
-- is in its key), so a decision costs no more index work than before.
alter table support_report add column department_code varchar(4), add column first_decided_at timestamptz;
-- one pass, before the index that carries them exists
update support_report r
   set department_code = v.department_code,
       first_decided_at = (select min(t.at) from report_transition t
                            where t.report_id = r.id and t.action in ('APPROVE', 'RETURN', 'REJECT'))
  from report_revision v
 where v.report_id = r.id and v.revision_no = r.in_force_revision;
drop index support_report_bureau_status_idx;
create index support_report_bureau_status_idx on support_report
    (deciding_bureau, status, created_at desc, id desc, period_end, period_start)
    include (category, department_code, practitioner_id, submitted_at, first_decided_at)
    where case_number is not null;
