-- A grid move re-files the outbox events of the moved subtree (SubtreeMover): one range scan, not the whole outbox.
create index outbox_event_path_idx on outbox_event (grid_path) where grid_path is not null;
