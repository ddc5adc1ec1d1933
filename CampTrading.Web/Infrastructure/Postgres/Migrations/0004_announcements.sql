-- Staff announcements (issue 6, SPEC §7). The body is markdown, rendered safely at display time.
-- published_at is the marker that the Published change was raised: set once, atomically, by whoever publishes first,
-- so a scheduled announcement is announced exactly once, also across restarts.
create table announcements (
    id bigserial primary key,
    title text not null,
    body_markdown text not null,
    priority smallint not null,                 -- AnnouncementPriority: 0 normal, 1 important, 2 urgent
    publish_at timestamptz not null,            -- when students may see it (now, or the scheduled time)
    broadcast_to_telegram boolean not null,
    author text not null,                       -- the staff member who created it
    created_at timestamptz not null,
    updated_at timestamptz not null,
    published_at timestamptz null,
    withdrawn_at timestamptz null
);
create index announcements_visible on announcements (publish_at desc, id desc) where published_at is not null and withdrawn_at is null;
create index announcements_due on announcements (publish_at) where published_at is null and withdrawn_at is null;
