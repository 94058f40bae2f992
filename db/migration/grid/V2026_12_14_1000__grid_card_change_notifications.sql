-- Node-local caches of grid cards (GridCardCache) follow every change to what a card shows, whoever makes it (a
-- service, an import, a migration, SQL by hand): a statement that changes staff, duties or grid nodes announces it on
-- the cluster channel grid_card. NOTIFY is transactional (delivered at commit, dropped on rollback) and PostgreSQL
-- folds identical notifications of one transaction into one.
create function grid_card_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('grid_card', tg_table_name);
    return null;
end
$$;

create trigger grid_staff_card_changed after insert or update or delete or truncate on grid_staff
    for each statement execute function grid_card_changed();
create trigger duty_card_changed after insert or update or delete or truncate on duty
    for each statement execute function grid_card_changed();
create trigger grid_node_card_changed after insert or update or delete or truncate on grid_node
    for each statement execute function grid_card_changed();
