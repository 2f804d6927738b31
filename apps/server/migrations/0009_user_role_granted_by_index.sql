-- Deleting a user checks user_role.granted_by; without an index each check scans the table.
CREATE INDEX user_role_granted_by_idx ON user_role (granted_by) WHERE granted_by IS NOT NULL;
