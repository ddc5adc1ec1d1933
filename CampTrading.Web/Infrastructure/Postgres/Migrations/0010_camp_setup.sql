-- Issue 12: the organizer's first hour. Settings the staff set on the console (the camp's public address, which wins
-- over the Camp:PublicBaseUrl configuration) and the first-day facts the dashboard checklist cannot read from the engine
-- (a print page opened with a valid address, the market page's IPO table seen), one row per name.
create table camp_settings (
    name text primary key,
    value text not null,
    updated_by text not null,
    updated_at timestamptz not null default now()
);
