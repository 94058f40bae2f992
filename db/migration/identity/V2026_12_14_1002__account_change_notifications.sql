-- Each node keeps what the access-token check reads of an account (TokenAuthenticationConverter): a change of what
-- decides what the account may do (status, lock, role, binding, name), or its removal, is announced on the cluster
-- channel account_changed at the commit, whoever makes it, and every node reads its accounts again. Logins (last login,
-- failed attempts) change nothing of that and announce nothing. NOTIFY is transactional.
create function account_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('account_changed', old.id::text);
    return null;
end
$$;

create trigger account_access_changed after update on account for each row
    when (old.username is distinct from new.username or old.role is distinct from new.role
          or old.scope_node_id is distinct from new.scope_node_id or old.department_id is distinct from new.department_id
          or old.partner_id is distinct from new.partner_id or old.status is distinct from new.status
          or old.locked_until is distinct from new.locked_until)
    execute function account_changed();
create trigger account_removed after delete on account for each row execute function account_changed();
