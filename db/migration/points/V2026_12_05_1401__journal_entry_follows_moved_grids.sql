-- Journal entries stay immutable with one exception: grid_path, where the points were earned or spent, is a filing
-- label for scope and rankings, not an amount. When a grid moves to another parent, grid core's SubtreeMover re-files
-- the entries of the moved subtree under the new path. Every other column, postings and deletes are still refused.
create function journal_entry_immutable_but_path() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (to_jsonb(new) - 'grid_path') = (to_jsonb(old) - 'grid_path') then
        return new;
    end if;
    raise exception '% is append-only', tg_table_name using errcode = '42501';
end $$;
drop trigger journal_entry_immutable on journal_entry;
create trigger journal_entry_immutable before update or delete on journal_entry
    for each row execute function journal_entry_immutable_but_path();

-- the move rewrites a subtree's entries: one range scan, not the whole ledger
create index journal_entry_path_idx on journal_entry (grid_path) where grid_path is not null;
