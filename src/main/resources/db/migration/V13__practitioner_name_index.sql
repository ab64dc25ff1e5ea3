-- 查詢 by a person's name (bureau staff search their jurisdiction by name, case or approval number).
create index practitioner_name_idx on practitioner (name);
