-- The character set a CSV was submitted in (UTF-8 or GB18030, the superset of GBK that Excel writes for "CSV" on
-- Chinese Windows); null means "detect it" (a UTF-8 BOM, else valid UTF-8, else GB18030).
alter table resident_import_job add column charset varchar(16) check (charset in ('UTF-8', 'GB18030'));
