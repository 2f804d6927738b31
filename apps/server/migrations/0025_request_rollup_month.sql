-- Figures of requests by month, maintained on every write beside request_rollup (ADR 0012): the same
-- counters per (month of the submission day in China, area, category, channel), so that a period of
-- whole months sums one row per area, category and channel and month instead of one per day.
CREATE TABLE request_rollup_month (
  month                date NOT NULL,
  area_path            text COLLATE "C" NOT NULL,
  category_id          bigint NOT NULL,
  channel              text NOT NULL,
  total                integer NOT NULL DEFAULT 0,
  responded            integer NOT NULL DEFAULT 0,
  responded_on_time    integer NOT NULL DEFAULT 0,
  resolved             integer NOT NULL DEFAULT 0,
  resolved_on_time     integer NOT NULL DEFAULT 0,
  rated                integer NOT NULL DEFAULT 0,
  satisfied            integer NOT NULL DEFAULT 0,
  basically_satisfied  integer NOT NULL DEFAULT 0,
  unsatisfied          integer NOT NULL DEFAULT 0,
  returned             integer NOT NULL DEFAULT 0,
  reopened             integer NOT NULL DEFAULT 0,
  respond_work_ms      bigint NOT NULL DEFAULT 0,
  resolve_work_ms      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (month, area_path, category_id, channel),
  CONSTRAINT request_rollup_month_first_day_check CHECK (extract(day FROM month) = 1)
);
