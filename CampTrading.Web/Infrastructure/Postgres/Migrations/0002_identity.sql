-- Staff identity (ASP.NET Core Identity over custom Npgsql stores) and the audit log of staff actions.
create table staff_users (
    id                   uuid primary key,
    user_name            text not null,
    normalized_user_name text not null unique,
    password_hash        text,
    security_stamp       text,
    concurrency_stamp    text,
    lockout_end          timestamptz,
    access_failed_count  integer not null default 0,
    lockout_enabled      boolean not null default true,
    display_name         text not null default '',
    created_at           timestamptz not null default now()
);

create table staff_user_roles (
    user_id uuid not null references staff_users(id) on delete cascade,
    role    text not null,
    primary key (user_id, role)
);
create index staff_user_roles_role on staff_user_roles(role);

create table audit_log (
    id      bigint generated always as identity primary key,
    at      timestamptz not null default now(),
    actor   text not null,
    action  text not null,
    target  text,
    details jsonb not null default '{}'::jsonb
);
create index audit_log_at on audit_log(at desc);
