-- The insurer's nationwide FHIR search at 10 M reports (issue 15, BENCHMARKS.md "10 M reports"): GET
-- /fhir/r4/PractitionerRole as the insurer lists approved reports (approval_number is not null, status APPROVED)
-- in the order of their periods (ApprovedSupport: period_start, id). No index gave that order, so a search without
-- a person or an institution read and sorted every approved report (5.5 M at 10 M). This one gives the order and,
-- with the period's end in its key, answers a date's filter inside the index.
create index support_report_approved_idx on support_report (period_start, id, period_end)
    where status = 'APPROVED' and approval_number is not null;
