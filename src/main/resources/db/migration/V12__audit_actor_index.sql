-- 稽核紀錄查詢 by account as well as by subject.
create index audit_entry_actor_idx on audit_entry (actor, id);
