-- Imports of houses (房屋) and units (辖区单位) beside residents: each import says what it brings in,
-- the column mapping is remembered per community and kind, and the rentals a house import registered
-- on houses that already existed are kept for undo.
ALTER TABLE registry_import
  ADD COLUMN kind text NOT NULL DEFAULT 'residents',
  ADD COLUMN created_rental_ids bigint[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT registry_import_kind_check CHECK (kind IN ('residents', 'houses', 'units'));

ALTER TABLE registry_import_mapping
  ADD COLUMN kind text NOT NULL DEFAULT 'residents',
  DROP CONSTRAINT registry_import_mapping_pkey,
  ADD CONSTRAINT registry_import_mapping_pkey PRIMARY KEY (node_id, kind),
  ADD CONSTRAINT registry_import_mapping_kind_check CHECK (kind IN ('residents', 'houses', 'units'));
