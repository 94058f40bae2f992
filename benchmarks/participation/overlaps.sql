-- Held bookings of one space whose periods overlap: must be 0 (the exclusion constraint's promise, checked directly).
select count(*) as overlaps
  from participation_booking a
  join participation_booking b
    on b.space_id = a.space_id and b.id > a.id
   and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
 where a.state in ('PENDING', 'CONFIRMED', 'ATTENDED', 'NO_SHOW')
   and b.state in ('PENDING', 'CONFIRMED', 'ATTENDED', 'NO_SHOW');
