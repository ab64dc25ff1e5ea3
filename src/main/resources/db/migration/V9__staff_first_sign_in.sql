-- An account an administrator created still has the password and authenticator secret that administrator saw:
-- its holder replaces both at the first sign-in, before anything else.
alter table staff_account add column must_change boolean not null default false;
