-- One-time SMS codes of sign-in without a card (健保卡(無插卡)). Only a hash of the code is kept. A code row exists
-- for every request, whether or not the ID and mobile belong to someone, so nothing in the answers tells them apart.
create table sms_code (
    attempt_id  text primary key,
    national_id varchar(10) not null,
    mobile      varchar(10) not null,
    code_hash   bytea not null,
    sent_at     timestamptz not null,
    expires_at  timestamptz not null,
    tries       int not null,
    used_at     timestamptz,
    -- false when the ID and mobile are not on record: the code was never sent and no guess can match it
    deliverable boolean not null
);

-- Every request, for the hourly limits per phone and per ID.
create table sms_code_request (
    id          bigint generated always as identity primary key,
    national_id varchar(10) not null,
    mobile      varchar(10) not null,
    at          timestamptz not null
);
create index sms_code_request_mobile_idx on sms_code_request (mobile, at);
create index sms_code_request_national_id_idx on sms_code_request (national_id, at);
