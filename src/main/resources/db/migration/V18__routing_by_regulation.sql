-- Routing by the regulation (醫療機構設置標準 §20, docs/domain.md "Routing"): the bureau of the county where the
-- person's practice is registered decides; the supported institution's county, when it is another, is informed
-- (副知). Until now the supported county decided and the home county (home_bureau) was informed.

-- What must move: reports not yet decided (draft, submitted, returned) that the supported county was to decide.
-- Approved reports, and changes waiting on them, stay with the bureau that approved them; final ones as they are.
-- The moves themselves are made by the application (ReportRerouting) through the report aggregate, so that each
-- is in the report's history and in the audit trail, whose hash chain is computed in Java.
create table report_rerouting (
    report_id       bigint primary key references support_report,
    from_bureau     varchar(5) not null references health_bureau,
    to_bureau       varchar(5) not null references health_bureau,
    informed_bureau varchar(5) references health_bureau,
    done_at         timestamptz,
    -- MOVED, or SKIPPED when the report was decided before its turn came (another node, an old version)
    outcome         text
);
insert into report_rerouting (report_id, from_bureau, to_bureau, informed_bureau)
select id, deciding_bureau, home_bureau, deciding_bureau from support_report
 where status in ('DRAFT', 'SUBMITTED', 'RETURNED') and home_bureau <> deciding_bureau;
create index report_rerouting_pending_idx on report_rerouting (report_id) where done_at is null;

-- The informed bureau, named for what it is: null when both institutions are in one county (nobody is informed).
-- Reports decided under the old routing keep their informed bureau, the home county's.
drop index support_report_home_bureau_idx;
drop index support_report_home_bureau_status_idx;
alter table support_report rename column home_bureau to informed_bureau;
alter table support_report alter column informed_bureau drop not null;
update support_report set informed_bureau = null where informed_bureau = deciding_bureau;
alter table support_report add constraint support_report_informed_not_deciding
    check (informed_bureau is null or informed_bureau <> deciding_bureau);

-- 副知 lists: the second arm of a bureau's lists, as V17 had it for home_bureau.
create index support_report_informed_bureau_idx on support_report (informed_bureau, created_at desc, id desc)
    where case_number is not null and informed_bureau is not null;
create index support_report_informed_bureau_status_idx on support_report
    (informed_bureau, status, created_at desc, id desc, period_end, period_start)
    where case_number is not null and informed_bureau is not null;
