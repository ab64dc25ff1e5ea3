-- Rule parameters saved on the administration screen: every save is a new version; the newest is in force.
-- Until the first save, configuration (support.rules.*) is.
create table rule_parameters (
    version    int primary key,
    saved_at   timestamptz not null,
    saved_by   text not null,
    parameters jsonb not null
);

-- Announcements shown on the sign-in page (e.g. go-live dates), national or from one bureau, between two dates.
create table announcement (
    id          bigint generated always as identity primary key,
    title       text not null check (length(title) between 1 and 100),
    body        text not null check (length(body) <= 2000),
    shown_from  date not null,
    shown_until date not null check (shown_until >= shown_from),
    bureau_code varchar(5) references health_bureau,   -- null: from the ministry, for everyone
    created_by  text not null,
    created_at  timestamptz not null,
    withdrawn_at timestamptz,
    withdrawn_by text
);
create index announcement_shown_idx on announcement (shown_until) where withdrawn_at is null;
