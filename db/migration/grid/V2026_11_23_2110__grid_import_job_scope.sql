-- An import runs in the background, without its submitter's session: it carries the submitter's data scope, and
-- may only touch grids inside it. Null means the whole tree.
alter table grid_import_job add column scope_node_id bigint references grid_node (id);
alter table grid_import_job add column scope_path varchar(400) collate "C";
create index grid_import_job_scope_idx on grid_import_job (scope_path);
