-- Issue 14: the house market maker (docs/decisions/0021-house-market-maker.md). Its orders are ordinary journaled engine
-- commands; what staff set (the quoting settings, pause) and where its day starts (the P&L baseline for the daily loss
-- limit) live here, one row (id = 1). Every staff change is also written to the audit log.
create table market_maker (
    id int primary key check (id = 1),
    house_account_id int null,
    settings jsonb not null,
    paused_by_staff boolean not null default true,
    paused_at_limit boolean not null default false,
    limit_reason text null,
    day_number int null,
    day_realized bigint not null default 0,
    day_unrealized bigint not null default 0,
    updated_by text not null,
    updated_at timestamptz not null default now()
);
