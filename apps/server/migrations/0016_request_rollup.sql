-- Figures of requests, maintained on every write: each request contributes a vector of counters to
-- the row of (its submission day, its area, its category, its channel); a change applies the
-- difference of the vectors before and after, in the same transaction. The rates of any node and
-- period sum these rows instead of scanning requests (docs/modules/requests.md defines each figure).
CREATE TABLE request_rollup (
  day                  date NOT NULL,
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
  PRIMARY KEY (area_path, day, category_id, channel)
);
CREATE INDEX request_rollup_day_idx ON request_rollup (day);
