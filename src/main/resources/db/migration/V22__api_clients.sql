-- Hospital systems' API clients (OAuth 2.1 client credentials). The secret is stored only as an Argon2id hash: it is
-- shown once, when made or rotated. A revoked client gets no token, and its tokens are refused from then on.
create table api_client (
    id               bigint generated always as identity primary key,
    client_id        text not null unique,
    kind             text not null check (kind in ('INSTITUTION', 'INSURER')),
    institution_code text,
    name             text not null,
    scopes           text not null,
    secret_hash      text not null,
    secret_set_at    timestamptz not null,
    per_minute       int not null check (per_minute between 1 and 100000),
    created_by       text not null,
    created_at       timestamptz not null,
    revoked_at       timestamptz,
    revoked_by       text,
    last_used_at     timestamptz,
    check ((kind = 'INSTITUTION') = (institution_code is not null))
);
create index api_client_institution_idx on api_client (institution_code, id desc);

-- Requests a client made in each minute, for its rate limit: every node counts in the same row.
create table api_client_usage (
    client_id text not null,
    minute    timestamptz not null,
    requests  int not null,
    primary key (client_id, minute)
);

-- The keys that sign access tokens: in the database so that every node signs with the same one and accepts the
-- others' tokens, and a restart loses none. The private key is encrypted (AES-256-GCM) with a key that is not in the
-- database (support.api-clients.key-encryption-key). A key signs until signs_until; its public half is published
-- until published_until, after the last token it signed has expired.
create table token_signing_key (
    kid             text primary key,
    created_at      timestamptz not null,
    signs_until     timestamptz not null,
    published_until timestamptz not null,
    public_jwk      text not null,
    private_key     bytea not null
);
