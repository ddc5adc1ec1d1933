-- The staff audit page (issue 6) merges staff actions and ledger entries newest first, keyset-paged on (time, id),
-- filtered by person, kind, staff member and time range. Each filter has an index that serves that order.
create index ledger_ts_id on ledger_entries (ts, id);
create index ledger_account_ts_id on ledger_entries (account_id, ts, id);
create index ledger_kind_ts_id on ledger_entries (kind, ts, id);
-- Ledger entries of the commands one staff member submitted (found through journal_actor below).
create index ledger_seq on ledger_entries (seq);

create index audit_log_at_id on audit_log (at, id);
create index audit_log_actor_at_id on audit_log (actor, at, id);
create index audit_log_action_at_id on audit_log (action, at, id);
create index audit_log_target_at_id on audit_log (target, at, id);
create index audit_log_account_at_id on audit_log ((details->>'accountId'), at, id);

-- Which staff member submitted the command behind a ledger entry (commands carry an "actor").
create index journal_actor on journal ((payload->>'actor'), seq) where payload ? 'actor';
