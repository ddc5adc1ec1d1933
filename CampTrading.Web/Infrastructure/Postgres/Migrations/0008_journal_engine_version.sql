-- The engine version that wrote each journal entry (0: written before versions were recorded).
alter table journal add column engine_version integer not null default 0;
