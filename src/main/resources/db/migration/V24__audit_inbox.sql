-- The audit trail's inbox: an action writes its entries here in its own transaction (one insert, no lock), and
-- AuditChainer moves them, many at a time, into the hash chain (audit_entry) under the head's lock. It replaces
-- Spring Modulith's event publication registry, which cost every submission two more commits and six more row
-- writes (a publication inserted, marked and deleted per listener) and serialized each entry on audit_head alone.
create table audit_inbox (
    id       bigint generated always as identity primary key,
    at       timestamptz not null,
    actor    text not null,
    action   text not null,
    subject  text not null,
    details  text not null
);

-- Publications an earlier version left incomplete were audit entries or notifications of a test environment's
-- last minutes before the upgrade (no production ran that version); the registry is gone.
drop table event_publication;
drop table event_publication_archive;

-- The simulated SMS provider and mail server count how often a message was handed to them; they still deliver it
-- once per reference (a resend after a sender died before marking it sent is dropped, and counted).
alter table simulated_message add column handed_over int not null default 1;
