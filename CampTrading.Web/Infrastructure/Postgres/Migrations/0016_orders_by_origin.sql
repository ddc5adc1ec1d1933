-- The staff console's order history filters the whole camp's orders by origin (web, telegram, api, house), newest first:
-- one index read per page even when a busy bot's orders outnumber everyone else's. Null (unrecorded) origins are indexed too.
create index orders_origin on orders (origin, id desc);
