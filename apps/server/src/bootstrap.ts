/** First-start set-up: the first administrator (from configuration, or a random password printed once). */
import { generatePassword, hashPassword } from './platform/auth/password.ts';
import { appendAudit } from './platform/audit/audit-log.ts';
import type { Db } from './platform/db/db.ts';

export interface AdminBootstrap {
  created: boolean;
  username: string;
  /** Shown once when it was generated; undefined when it came from configuration. */
  generatedPassword?: string;
}

/** Create the installation's first sys_admin when there is none. */
export async function ensureFirstAdmin(
  db: Db,
  opts: { username: string; password: string | undefined },
): Promise<AdminBootstrap> {
  const existing = await db.query(`SELECT 1 FROM user_role WHERE role = 'sys_admin' LIMIT 1`);
  if ((existing.rowCount ?? 0) > 0) return { created: false, username: opts.username };
  const password = opts.password ?? generatePassword();
  const hash = await hashPassword(password);
  await db.tx(async (q) => {
    // The installer chose a configured password; a generated one must be changed at first sign-in.
    const { rows } = await q.query<{ id: number }>(
      `INSERT INTO app_user (username, display_name, password_hash, must_change_password)
       VALUES ($1, '系统管理员', $2, $3) RETURNING id`,
      [opts.username, hash, opts.password === undefined],
    );
    const id = rows[0]!.id;
    await q.query(
      `INSERT INTO user_role (user_id, role, node_id) VALUES ($1, 'sys_admin', NULL) ON CONFLICT DO NOTHING`,
      [id],
    );
    await appendAudit(q, {
      actorName: 'system',
      action: 'users.admin.bootstrap',
      entityType: 'app_user',
      entityId: id,
      summary: { username: opts.username, passwordFrom: opts.password ? 'configuration' : 'generated' },
    });
  });
  return { created: true, username: opts.username, ...(opts.password ? {} : { generatedPassword: password }) };
}
