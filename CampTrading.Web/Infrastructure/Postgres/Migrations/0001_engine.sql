-- The journal: every command the sequencer accepted, in order. The source of truth.
create table journal (
    seq bigint primary key,
    ts timestamptz not null,
    kind text not null,
    payload jsonb not null
);

-- Engine snapshots: state after `seq`; start-up loads the newest and replays the journal after it.
create table snapshots (
    seq bigint primary key,
    taken_at timestamptz not null default now(),
    payload bytea not null
);

-- Query tables, written from engine events for history pages, audit and exports.
create table trades (
    id bigint primary key,
    seq bigint not null,
    ts timestamptz not null,
    instrument_id int not null,
    price bigint not null,
    quantity bigint not null,
    taker_side smallint not null,
    buyer_id int not null,
    seller_id int not null,
    buy_order_id bigint not null,
    sell_order_id bigint not null
);
create index trades_instrument_ts on trades (instrument_id, ts);
create index trades_buyer on trades (buyer_id, ts);
create index trades_seller on trades (seller_id, ts);

create table orders (
    id bigint primary key,
    seq bigint not null,
    ts timestamptz not null,
    account_id int not null,
    instrument_id int not null,
    side smallint not null,
    price bigint not null,
    quantity bigint not null,
    filled bigint not null default 0,
    status text not null,
    cancel_reason text,
    updated_at timestamptz not null
);
create index orders_account on orders (account_id, id desc);

create table ledger_entries (
    id bigserial primary key,
    seq bigint not null,
    ts timestamptz not null,
    account_id int not null,
    asset int not null,
    amount bigint not null,
    balance_after bigint not null,
    kind text not null,
    reference bigint not null,
    counterparty int not null
);
create index ledger_account on ledger_entries (account_id, id desc);

-- How far the query tables are written (a journal seq); they are rebuilt from the journal after it.
create table projection_watermark (
    name text primary key,
    seq bigint not null
);
insert into projection_watermark (name, seq) values ('query_tables', 0);
