-- The pgbench side of the booking benchmark: the INSERT BookingService.book issues (same table, same columns, same
-- exclusion constraint participation_booking_no_overlap, same "on conflict do nothing returning id"), for a random
-- space of the benchmark's 200, a random day of [dayfrom, dayto] and a random 30- or 60-minute slot 08:00–22:00
-- China time. A taken slot inserts nothing, as the app's 409 does.
\set sid random(:smin, :smax)
\set d random(:dayfrom, :dayto)
\set h random(0, 26)
\set e :h + random(1, 2)
insert into participation_booking (space_id, grid_path, booker_id, booker_name, group_name, purpose,
    attendees, starts_at, ends_at, state)
values (:sid::bigint, :path, :booker::bigint, 'pgbench', null, '压测预约', 2,
        :base::timestamptz + :d::int * interval '1 day' + :h::int * interval '30 minutes',
        :base::timestamptz + :d::int * interval '1 day' + :e::int * interval '30 minutes', 'CONFIRMED')
on conflict do nothing returning id;
