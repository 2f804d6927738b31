-- Backfill: the monthly figures of the requests recorded before request_rollup_month existed.
INSERT INTO request_rollup_month (month, area_path, category_id, channel, total, responded, responded_on_time,
  resolved, resolved_on_time, rated, satisfied, basically_satisfied, unsatisfied, returned, reopened,
  respond_work_ms, resolve_work_ms)
SELECT date_trunc('month', day)::date, area_path, category_id, channel, sum(total), sum(responded),
       sum(responded_on_time), sum(resolved), sum(resolved_on_time), sum(rated), sum(satisfied),
       sum(basically_satisfied), sum(unsatisfied), sum(returned), sum(reopened), sum(respond_work_ms),
       sum(resolve_work_ms)
  FROM request_rollup
 GROUP BY 1, 2, 3, 4;
