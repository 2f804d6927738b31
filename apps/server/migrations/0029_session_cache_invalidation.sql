-- What a signed-in request knows about its caller (session, user, roles, the roles' places) may be kept
-- in the server's memory for a few seconds (ADR 0017). Whenever one of those facts changes, whoever
-- changed it — the server, another server process, the CLI, psql — tells every listening connection
-- on the channel `linli_invalidate`, so that no process goes on trusting what it kept. Payloads:
-- 'session:<token hash>', 'user:<id>', or '*' (forget everything).
-- PostgreSQL delivers a notification to the connection that made it before that connection's commit
-- returns, so a change made by a server process is forgotten by it before the change is reported done.

CREATE FUNCTION linli_invalidate_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_invalidate', 'session:' || OLD.token_hash);
  RETURN NULL;
END $$;

CREATE FUNCTION linli_invalidate_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_invalidate', 'user:' || OLD.id);
  RETURN NULL;
END $$;

CREATE FUNCTION linli_invalidate_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('linli_invalidate', '*');
  RETURN NULL;
END $$;

-- A session revoked, cut short, moved or made to look idle longer. Touching last_seen_at forward
-- (once a minute) is not a change anyone needs to hear about: a kept copy can only look idle longer
-- than the session is, and the server checks the database before ending a session on that ground.
CREATE TRIGGER user_session_invalidate AFTER UPDATE ON user_session FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.csrf_token IS DISTINCT FROM NEW.csrf_token OR OLD.user_id IS DISTINCT FROM NEW.user_id
        OR OLD.token_hash IS DISTINCT FROM NEW.token_hash OR NEW.last_seen_at < OLD.last_seen_at)
  EXECUTE FUNCTION linli_invalidate_session();
CREATE TRIGGER user_session_invalidate_all AFTER DELETE OR TRUNCATE ON user_session
  FOR EACH STATEMENT EXECUTE FUNCTION linli_invalidate_all();

-- A user renamed, disabled or made to change the password; sign-in bookkeeping (failed attempts, lock,
-- last sign-in) is not part of what a session carries.
CREATE TRIGGER app_user_invalidate AFTER UPDATE ON app_user FOR EACH ROW
  WHEN (OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name
        OR OLD.is_active IS DISTINCT FROM NEW.is_active
        OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password)
  EXECUTE FUNCTION linli_invalidate_user();
CREATE TRIGGER app_user_invalidate_all AFTER DELETE OR TRUNCATE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION linli_invalidate_all();

-- Roles granted or taken away (rare: forget everyone's).
CREATE TRIGGER user_role_invalidate_all AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_role
  FOR EACH STATEMENT EXECUTE FUNCTION linli_invalidate_all();

-- A role's place renamed, moved or retired (the path decides what a role covers).
CREATE TRIGGER jurisdiction_node_invalidate_all AFTER UPDATE OF name, path, level, parent_id, retired_at
  OR DELETE OR TRUNCATE ON jurisdiction_node
  FOR EACH STATEMENT EXECUTE FUNCTION linli_invalidate_all();
