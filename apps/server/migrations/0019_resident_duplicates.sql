-- Likely duplicates and their merge. A merged record stays (its history is part of the person's),
-- ends as status 'merged' and points at the record that survives it.
ALTER TABLE resident ADD COLUMN merged_into bigint REFERENCES resident (id);
ALTER TABLE resident ADD CONSTRAINT resident_merged_into_check CHECK ((status = 'merged') = (merged_into IS NOT NULL));
CREATE INDEX resident_merged_into_idx ON resident (merged_into) WHERE merged_into IS NOT NULL;
-- Duplicates are looked for within a household: same household, name and birth date, active only.
CREATE INDEX resident_household_duplicate_idx ON resident (node_id, name, birth_date) WHERE status = 'active';
