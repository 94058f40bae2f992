-- Each node keeps the incident categories, deadline rules and work calendar in memory (IncidentDeadlines): a statement
-- that changes them, whoever runs it, announces it on the cluster channel incident_config at its commit, and every node
-- reads them again on its next report. NOTIFY is transactional and PostgreSQL folds identical ones of a transaction.
create function incident_config_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('incident_config', tg_table_name);
    return null;
end
$$;

create trigger incident_category_config_changed after insert or update or delete or truncate on incident_category
    for each statement execute function incident_config_changed();
create trigger incident_deadline_rule_config_changed after insert or update or delete or truncate
    on incident_deadline_rule for each statement execute function incident_config_changed();
create trigger work_calendar_day_config_changed after insert or update or delete or truncate on work_calendar_day
    for each statement execute function incident_config_changed();
