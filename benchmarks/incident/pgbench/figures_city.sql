-- pgbench: the figures query (IncidentFigureQuery.compute) over the whole city — every path, ['/', '0') — for the
-- last 30 days. What a city-wide figures request would cost in PostgreSQL alone.
select count(*) as received,
       count(*) filter (where accepted_at is not null and accepted_at <= created_at + interval '24 hours') as accepted24,
       count(*) filter (where resolved_at is not null) as resolved,
       count(*) filter (where resolved_at is not null and resolved_at <= resolve_due_at) as on_time,
       avg(extract(epoch from accepted_at - created_at)) / 3600 as hours_to_accept,
       avg(extract(epoch from resolved_at - created_at)) / 3600 as hours_to_resolve,
       avg(rating) as rating, count(rating) as rated,
       count(*) filter (where reopen_count > 0) as reopened,
       (select count(*) from incident o
         where o.grid_path >= '/' and o.grid_path < '0'
           and ((o.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') and o.accept_due_at < now())
             or (o.state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED') and o.resolve_due_at < now()))) as overdue_now
  from incident
 where grid_path >= '/' and grid_path < '0' and created_at >= now() - interval '30 days' and created_at < now()
   and state <> 'MERGED';
