-- Notifications as a subsystem of the shared kernel (issue 15): addressed to an ACCOUNT, to everyone holding a ROLE at
-- a grid NODE (resolved when read: a worker who takes over the grid inherits its queue), or to a DEPARTMENT — never to
-- a person's name or login. Read marks are per account, so a notification to a role or a department is read by each of
-- its people separately. The incident module's old inbox (incident_notification, addressed by name) is kept for
-- history; the rows it addressed to a login or a department are carried over.
create table notification (
    id            bigint generated always as identity primary key,
    kind          varchar(40)  not null check (kind ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    recipient_kind varchar(12) not null check (recipient_kind in ('ACCOUNT', 'ROLE_AT_NODE', 'DEPARTMENT')),
    account_id    bigint,
    role          varchar(24),
    node_id       bigint,
    department_id bigint,
    subject_type  varchar(30),
    subject_id    bigint,
    subject_ref   varchar(40),
    message       varchar(500) not null,
    created_at    timestamptz  not null default now(),
    constraint notification_recipient check (
        (recipient_kind = 'ACCOUNT' and account_id is not null and role is null and node_id is null and department_id is null)
        or (recipient_kind = 'ROLE_AT_NODE' and account_id is null and role is not null and node_id is not null and department_id is null)
        or (recipient_kind = 'DEPARTMENT' and account_id is null and role is null and node_id is null and department_id is not null))
);
-- the three ways a caller is addressed, each newest first
create index notification_account_idx on notification (account_id, id desc) where recipient_kind = 'ACCOUNT';
create index notification_role_idx on notification (node_id, role, id desc) where recipient_kind = 'ROLE_AT_NODE';
create index notification_department_idx on notification (department_id, id desc) where recipient_kind = 'DEPARTMENT';
create index notification_subject_idx on notification (subject_type, subject_id);

create table notification_read (
    notification_id bigint      not null references notification (id),
    account_id      bigint      not null,
    read_at         timestamptz not null default now(),
    primary key (account_id, notification_id)
);

-- Which kinds a person wants streamed (Server-Sent Events) — every kind lands in the inbox regardless.
create table notification_preference (
    account_id bigint      not null,
    kind       varchar(40) not null,
    stream     boolean     not null,
    primary key (account_id, kind)
);

insert into notification (kind, recipient_kind, account_id, subject_type, subject_id, subject_ref, message, created_at)
select 'INCIDENT_LEGACY', 'ACCOUNT', a.id, 'incident', n.incident_id, i.tracking_code, n.message, n.created_at
  from incident_notification n join account a on a.username = n.recipient join incident i on i.id = n.incident_id
 order by n.id;
insert into notification (kind, recipient_kind, department_id, subject_type, subject_id, subject_ref, message,
                          created_at)
select 'INCIDENT_LEGACY', 'DEPARTMENT', d.id, 'incident', n.incident_id, i.tracking_code, n.message, n.created_at
  from incident_notification n join incident i on i.id = n.incident_id
  join department d on n.recipient = 'department:' || d.id
 order by n.id;
insert into notification_read (notification_id, account_id, read_at)
select m.id, m.account_id, n.read_at
  from notification m
  join incident_notification n on n.incident_id = m.subject_id and n.message = m.message and n.created_at = m.created_at
 where m.recipient_kind = 'ACCOUNT' and n.read_at is not null
on conflict do nothing;
