-- The audit log stays append-only with one exception: when a grid moves to another parent, grid core's SubtreeMover
-- re-files the events of the moved subtree under their new path, so the managers now responsible for it read its
-- history (and the old street's no longer do). Only scope_path may change; every other column and deletes are still
-- refused by the database.
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (to_jsonb(new) - 'scope_path') = (to_jsonb(old) - 'scope_path') then
        return new;
    end if;
    raise exception 'audit_event is append-only';
end $$;
