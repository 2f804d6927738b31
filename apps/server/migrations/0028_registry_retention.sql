-- Retention of personal data in the registry (PIPL art. 19, 47; docs/modules/registry.md, Retention).
-- When the duty to keep a record ends, the record is anonymised, not deleted: counts and ledgers of
-- past periods stay right while the person can no longer be identified. The periods are a module
-- setting (one row, editable by administrators); the defaults below are a local decision to be
-- confirmed with the district's legal office.
CREATE TABLE registry_retention_setting (
  id          integer PRIMARY KEY DEFAULT 1,
  policy      jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  bigint REFERENCES app_user (id),
  CONSTRAINT registry_retention_setting_single_row CHECK (id = 1)
);
INSERT INTO registry_retention_setting (id, policy)
VALUES (1, '{"residentYears": 3, "rentalYears": 3, "visitYears": 3}');

-- When each record was anonymised (null: not yet). The marker makes every run idempotent.
ALTER TABLE resident ADD COLUMN anonymised_at timestamptz;
ALTER TABLE rental ADD COLUMN anonymised_at timestamptz;
ALTER TABLE visit ADD COLUMN anonymised_at timestamptz;
-- Ended residents not yet anonymised, in the order their retention lapses.
CREATE INDEX resident_retention_idx ON resident (status_since) WHERE status IN ('moved_out', 'deceased') AND anonymised_at IS NULL;
CREATE INDEX rental_retention_idx ON rental (ended_on) WHERE status = 'ended' AND anonymised_at IS NULL;
CREATE INDEX visit_retention_idx ON visit (visited_on) WHERE anonymised_at IS NULL;
