-- SMS codes (SmsCodes): the cool-down and the hourly quota count per national ID and mobile together, so nobody
-- can use up a person's quota with invented numbers; requests whose ID and mobile are not on record are also
-- bounded per client address and per mobile.
alter table sms_code_request add column client_address text;
alter table sms_code_request add column on_record boolean not null default false;
create index sms_code_request_pair_idx on sms_code_request (national_id, mobile, at);
create index sms_code_request_address_idx on sms_code_request (client_address, at) where not on_record;
create index sms_code_request_unmatched_mobile_idx on sms_code_request (mobile, at) where not on_record;
