-- pgbench: the figures query with the daily totals (IncidentFigureQuery.fromDailyTotals) over the whole city,
-- ['/', '0'), for the last 30 days: what a city-wide request would cost in PostgreSQL alone.
with days as (
  select coalesce(sum(received), 0) as received, coalesce(sum(accepted24), 0) as accepted24,
         coalesce(sum(accepted), 0) as accepted, coalesce(sum(accept_seconds), 0) as accept_seconds,
         coalesce(sum(resolved), 0) as resolved, coalesce(sum(on_time), 0) as on_time,
         coalesce(sum(resolve_seconds), 0) as resolve_seconds, coalesce(sum(rated), 0) as rated,
         coalesce(sum(rating_sum), 0) as rating_sum, coalesce(sum(reopened), 0) as reopened
    from incident_figure_day
   where street_path >= '/' and street_path < '0'
     and day >= ((now() - interval '30 days') at time zone 'UTC')::date + 1 and day < (now() at time zone 'UTC')::date
), ends as (
  select count(*) as received,
         count(*) filter (where accepted_at <= created_at + interval '24 hours') as accepted24,
         count(accepted_at) as accepted,
         coalesce(sum(extract(epoch from accepted_at - created_at)), 0) as accept_seconds,
         count(resolved_at) as resolved,
         count(*) filter (where resolved_at <= resolve_due_at) as on_time,
         coalesce(sum(extract(epoch from resolved_at - created_at)), 0) as resolve_seconds,
         count(rating) as rated, coalesce(sum(rating), 0) as rating_sum,
         count(*) filter (where reopen_count > 0) as reopened
    from incident
   where grid_path >= '/' and grid_path < '0' and state <> 'MERGED'
     and (created_at >= now() - interval '30 days'
          and created_at < (((now() - interval '30 days') at time zone 'UTC')::date + 1) at time zone 'UTC'
       or created_at >= ((now() at time zone 'UTC')::date) at time zone 'UTC' and created_at < now())
)
select d.received + e.received as received, d.accepted24 + e.accepted24 as accepted24,
       d.resolved + e.resolved as resolved, d.on_time + e.on_time as on_time,
       (d.accept_seconds + e.accept_seconds) / nullif(d.accepted + e.accepted, 0) / 3600 as hours_to_accept,
       (d.resolve_seconds + e.resolve_seconds) / nullif(d.resolved + e.resolved, 0) / 3600 as hours_to_resolve,
       (d.rating_sum + e.rating_sum)::numeric / nullif(d.rated + e.rated, 0) as rating,
       d.rated + e.rated as rated, d.reopened + e.reopened as reopened,
       (select count(*) from incident o
         where o.grid_path >= '/' and o.grid_path < '0'
           and o.state in ('SUBMITTED', 'ESCALATED', 'REOPENED', 'ACCEPTED', 'IN_PROGRESS', 'WHISTLED')
           and ((o.state in ('SUBMITTED', 'ESCALATED', 'REOPENED') and o.accept_due_at < now())
             or (o.state in ('ACCEPTED', 'IN_PROGRESS', 'WHISTLED') and o.resolve_due_at < now()))) as overdue_now
  from days d cross join ends e;
