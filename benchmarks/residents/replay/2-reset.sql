-- Empties the six tables and puts the staging rows back, as the job leaves them before WRITING.
\timing on
truncate resident_person_tag, resident_residence, resident_person, resident_dwelling, resident_building, resident_compound, resident_import_row cascade;
insert into resident_import_row select * from exp_rows;
checkpoint;
