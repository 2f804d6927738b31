-- Search at district scale: age ranges, and "the last four digits" of an ID or phone number as an
-- indexed equality instead of a scan (measured by bench/registry-search.ts).
CREATE INDEX resident_birth_date_idx ON resident (birth_date);
CREATE INDEX resident_id_tail_idx ON resident (right(id_number_masked, 4));
CREATE INDEX resident_phone_tail_idx ON resident (right(phone_masked, 4));
