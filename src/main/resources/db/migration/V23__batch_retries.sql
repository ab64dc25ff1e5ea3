-- A batch whose job failed for a reason not of its rows (the database away, the node stopping) is tried again after
-- a pause, by any node, up to three times; only then is it FAILED (its filed rows stay filed, and filing the same
-- file again files nothing twice).
alter table batch add column failures int not null default 0;
