-- Issue 13 (SPEC §7): students' personal API tokens and the camp-wide API switch. A token is stored only as the SHA-256
-- of its 256-bit random secret; public_id is the short id shown on pages and put in the token (ctk_{public_id}_{secret}).
-- request_count and last_used_at are flushed from memory every few seconds (TradingApi/ApiTokenDirectory).
create table api_tokens (
    id bigserial primary key,
    public_id text not null unique,
    account_id int not null,
    name text not null,
    scopes smallint not null,
    secret_hash bytea not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz null,
    revoked_at timestamptz null,
    revoked_by text null,
    last_used_at timestamptz null,
    request_count bigint not null default 0
);
create index api_tokens_account on api_tokens (account_id, id desc);

-- One row (id = 1) once staff first switch the API; absent, TradingApi:EnabledByDefault decides.
create table api_settings (
    id int primary key check (id = 1),
    enabled boolean not null,
    updated_at timestamptz not null default now(),
    updated_by text null
);
