-- The audit hash chain is linked after commit (docs/adr/0004-audit-hash-chain.md, 2026-11-22).
-- New audit_log rows carry no prev_hash/hash: a linker (platform/audit/audit-chain.ts) writes their
-- link into audit_chain once every transaction that could still add an entry with a smaller id has ended.
-- Existing rows keep their own prev_hash/hash and stay the start of the one chain.
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
-- Both or neither (new rows: neither). NOT VALID: existing rows all have both; no scan needed.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_pair CHECK ((prev_hash IS NULL) = (hash IS NULL)) NOT VALID;

-- One refusal function for every append-only table, naming the table.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The fence needs: "an entry's transaction has its transaction id before the entry's id is drawn".
-- An id default (nextval) is evaluated before the row is written, i.e. possibly before the transaction
-- gets its xid (when the audit entry is its first write). So every new entry re-draws its id here,
-- after forcing the xid; the default's value is discarded (a harmless gap). Explicit ids are
-- overridden too, so nobody can slot an entry into the past.
CREATE FUNCTION audit_log_draw_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_current_xact_id();
  NEW.id := nextval('audit_log_id_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_draw_id BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_draw_id();

-- The links of the entries appended since this migration: hash = sha256(prev_hash || '|' ||
-- audit_log_canonical(entry)), in id order, prev_hash = the previous entry's hash (legacy or here).
CREATE TABLE audit_chain (
  audit_id  bigint PRIMARY KEY REFERENCES audit_log (id),
  prev_hash text NOT NULL,
  hash      text NOT NULL,
  linked_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER audit_chain_append_only
  BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_chain_no_truncate
  BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The linker's fence (one row), so that any process can continue where another stopped.
--   max_id:  the sequence's last value when the fence was taken (every id drawn so far is ≤ max_id);
--   xid:     the fence-taking transaction's own xid, assigned after max_id was read — NULL when no
--            fence is outstanding;
--   linked_through: max_id of the last fence that was consumed (every committed entry ≤ it is linked).
CREATE TABLE audit_chain_fence (
  singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  max_id         bigint NOT NULL DEFAULT 0,
  xid            xid8,
  taken_at       timestamptz,
  linked_through bigint NOT NULL DEFAULT 0
);
INSERT INTO audit_chain_fence (singleton) VALUES (true);
