-- The Telegram bot (issue 7): its small durable state and the students' notification settings.
create table telegram_state (
    name text primary key,      -- 'update_offset': next getUpdates offset; 'notified_ledger_id': last ledger row notified
    value bigint not null
);

-- Kinds of notifications a Telegram user muted with /settings (fills, transfers, grants, duels, announcements).
create table telegram_mutes (
    telegram_user_id bigint not null,
    kind text not null,
    primary key (telegram_user_id, kind)
);
