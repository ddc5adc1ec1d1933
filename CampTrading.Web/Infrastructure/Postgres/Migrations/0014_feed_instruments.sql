-- Issue 14: feed-priced instruments (docs/decisions/0024-feed-priced-instruments.md). The instruments, their terms and their
-- prices live in the journal (ListFeedInstrument, ConfigureFeedInstrument, FeedPrice commands); this query table keeps each
-- feed price so the charts of feed instruments survive a restart, written by the query-table persister with the journal seq.
create table feed_prices (
    seq bigint not null,
    instrument_id int not null,
    ts timestamptz not null,
    price bigint not null,
    feed_ts timestamptz not null,
    primary key (seq, instrument_id)
);
create index feed_prices_instrument_ts on feed_prices (instrument_id, ts);
