-- A grid move rewrites the inspections of the moved subtree (SubtreeMover): one range scan, not the whole table.
create index resident_inspection_path_idx on resident_inspection (grid_path);
