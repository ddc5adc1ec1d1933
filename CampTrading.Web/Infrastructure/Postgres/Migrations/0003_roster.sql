-- The roster: one row per student, tied to the student's engine account (issue 4, SPEC §6).
create table students (
    id bigserial primary key,
    external_id text not null unique,           -- the camp's own id from the roster CSV
    account_id integer not null unique,         -- the engine account
    name text not null,
    team text null,
    email text null,
    registration_code text not null unique,     -- printed on the badge; signs in and links Telegram
    pin_hash text null,                         -- optional personal PIN (ASP.NET Core PasswordHasher)
    telegram_user_id bigint null unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index students_team on students (team);

-- One-time login links the bot sends: only a SHA-256 of the token is stored; single use, short-lived.
create table login_links (
    token_hash bytea primary key,
    account_id integer not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz null
);
create index login_links_expires on login_links (expires_at);
