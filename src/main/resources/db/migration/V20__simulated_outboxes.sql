-- The test environment's simulated SMS provider and mail server deliver here rather than into one node's memory,
-- so that every node of a cluster shows every message on the tester's desk. Production never writes to it (it
-- refuses to start with the simulators on).
create table simulated_message (
    id        bigint generated always as identity primary key,
    channel   text not null check (channel in ('SMS', 'EMAIL')),
    recipient text not null,
    subject   text,
    body      text not null,
    reference text,
    sent_at   timestamptz not null,
    -- a provider sends a reference once, however often it is handed the message
    unique (channel, reference)
);
create index simulated_message_recipient_idx on simulated_message (channel, recipient, id desc);
