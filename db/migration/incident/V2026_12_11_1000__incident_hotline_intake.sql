-- Hotline intake (12345 / 一网统管): the caller's ticket, their category codes, the caller's contact.

-- Their ticket: (source system, their ticket number), unique per source, so a ticket sent twice is one incident.
alter table incident
    add column external_source varchar(40),
    add column external_ticket varchar(64),
    -- an unmapped category code of the source: the incident waits in the triage category for staff to classify it
    add column needs_triage    boolean not null default false,
    add constraint incident_external_ref_pair check ((external_source is null) = (external_ticket is null)),
    add constraint incident_external_source_code check (external_source ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    add constraint incident_external_ref_uk unique (external_source, external_ticket);

-- Where unmapped codes go.
insert into incident_category (code, name, response_hours, resolution_hours, working_hours)
values ('TRIAGE', '待分类（热线类型未映射）', 4, 120, true)
on conflict (code) do nothing;

-- Per source: their 诉求类型 code → our category (edited by system administrators).
create table incident_category_mapping (
    source        varchar(40)  not null check (source ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    external_code varchar(40)  not null check (length(btrim(external_code)) > 0),
    external_name varchar(100),
    category_code varchar(40)  not null references incident_category (code),
    updated_at    timestamptz  not null,
    primary key (source, external_code)
);

-- The caller's contact, kept for the call-back: personal data, every field encrypted (AES-GCM, purpose-bound) with
-- the platform's personal-data keys; shown masked to those who may see the incident's contact, in full only after
-- an audited reveal (or, on Open311, to the client that posted it).
create table incident_contact (
    incident_id    bigint primary key references incident (id),
    name_enc       bytea,
    first_name_enc bytea,
    last_name_enc  bytea,
    phone_enc      bytea,
    email_enc      bytea,
    device_id_enc  bytea
);

-- staff's triage list: the few reports waiting to be classified
create index incident_needs_triage_idx on incident (id) where needs_triage;
