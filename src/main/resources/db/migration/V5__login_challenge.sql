-- Sign-in challenges for card signatures: random, bound to one sign-in attempt, single use, short-lived. In the
-- database so that any application node can check what another issued.
create table login_challenge (
    attempt_id  text primary key,
    challenge   bytea not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index login_challenge_expires_idx on login_challenge (expires_at);
