-- Registry: reference data (loaded from resources/reference at start-up) and the people and institutions
-- a real deployment imports from the ministry's registry (the test environment generates synthetic ones).

create table health_bureau (
    county_code varchar(5) primary key,
    county_name text not null,
    name        text not null,
    short_name  text not null,
    kind        text not null
);

create table profession (
    code    varchar(2) primary key,
    name_zh text not null,
    name_en text not null
);

create table department (
    code    varchar(4) primary key,
    name_zh text not null
);

create table institution (
    code        char(10) primary key,
    name        text not null,
    type        text not null check (type in ('HOSPITAL', 'CLINIC', 'PHARMACY', 'NURSING', 'LONG_TERM_CARE', 'OTHER')),
    county_code varchar(5) not null references health_bureau,
    address     text not null,
    status      text not null check (status in ('OPEN', 'SUSPENDED', 'CLOSED'))
);
create index institution_name_idx on institution (name text_pattern_ops);

create table practitioner (
    id                 bigint generated always as identity primary key,
    national_id        varchar(10) not null unique,
    name               text not null,
    birth_date         date not null,
    profession_code    varchar(2) not null references profession,
    certificate_number text not null,
    mobile             varchar(10)
);

create table practice_registration (
    id               bigint generated always as identity primary key,
    practitioner_id  bigint not null references practitioner,
    institution_code char(10) not null references institution,
    profession_code  varchar(2) not null references profession,
    status           text not null check (status in ('PRACTISING', 'SUSPENDED', 'CLOSED')),
    valid_from       date not null,
    valid_to         date,
    check (valid_to is null or valid_to >= valid_from)
);
create index practice_registration_practitioner_idx on practice_registration (practitioner_id);
create index practice_registration_institution_idx on practice_registration (institution_code) where status = 'PRACTISING';
