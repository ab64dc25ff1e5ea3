-- Notifications (the notification module). Where an account wants them: a mobile number and an e-mail address,
-- given on its account page; a person's SMS goes to the registry's mobile unless they give another.
create table notification_contact (
    account    text primary key,   -- practitioner:<national id> or institution:<code>, as Actor.account()
    mobile     varchar(10) check (mobile ~ '^09[0-9]{8}$'),
    email      text check (length(email) <= 254),
    updated_at timestamptz not null
);

-- One message to one recipient by one channel. The listener writes it after the report's commit (through the
-- event publication registry); the unique key makes a republished event add nothing. Senders on every node claim
-- due rows with FOR UPDATE SKIP LOCKED.
create table notification (
    id              bigint generated always as identity primary key,
    event_key       text not null,   -- report:<id>:<action>:<epoch ms of the transition>
    recipient       text not null,   -- the account
    channel         text not null check (channel in ('SMS', 'EMAIL')),
    address         text not null,
    subject         text,
    body            text not null,
    report_id       bigint not null,
    status          text not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    provider_id     text,
    last_error      text,
    unique (event_key, recipient, channel)
);
create index notification_due_idx on notification (next_attempt_at) where status = 'PENDING';
create index notification_report_idx on notification (report_id);
create index notification_created_idx on notification (created_at);
