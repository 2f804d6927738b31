-- The working-time settings of the installation: office hours and an administrator's additions or
-- corrections to the bundled official calendar (a year published after the release, a local
-- adjustment). One row; absent means the bundled calendar and default office hours.
CREATE TABLE work_calendar_setting (
  id            integer PRIMARY KEY DEFAULT 1,
  office_hours  jsonb NOT NULL,
  calendar      jsonb NOT NULL DEFAULT '{}',
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    bigint REFERENCES app_user (id),
  CONSTRAINT work_calendar_setting_single_row CHECK (id = 1)
);
