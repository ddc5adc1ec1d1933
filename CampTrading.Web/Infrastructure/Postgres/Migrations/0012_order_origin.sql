-- Issue 13: where each order came from (web, telegram, api, house), written from the engine's OrderAccepted event.
-- Null for orders written before origins were recorded (the engine calls them "unknown"). docs/decisions/0020-order-origin.md
alter table orders add column origin text null;
