/**
 * A separate process that commits one uploaded import and reports its progress on stdout, so that a
 * test can kill it (SIGKILL) in the middle: `tsx import-child.ts <database url> <import id>`.
 */
import { registryPolicy, createRegistryImportService } from '../src/modules/registry/index.ts';
import type { PermissionMatrix } from '../src/platform/auth/actor.ts';
import { makeCaller } from '../src/platform/auth/caller.ts';
import { createFieldCrypto } from '../src/platform/crypto/field-crypto.ts';
import { createDb } from '../src/platform/db/db.ts';

const [url, idText] = process.argv.slice(2);
const db = createDb(url!, { max: 2 });
// The tests' key (test-app.ts testCrypto), built here: this process runs outside vitest.
const imports = createRegistryImportService({ db, crypto: createFieldCrypto(Buffer.alloc(32, 7)) });
const caller = makeCaller(
  { kind: 'system', name: 'import-child' },
  null,
  registryPolicy as unknown as PermissionMatrix,
);
const id = Number(idText);
const timer = setInterval(() => {
  void imports.status(caller, id).then((s) => process.stdout.write(`progress ${s.rowsProcessed}\n`));
}, 50);
void imports
  .run(caller, id, { dryRun: false, mode: 'good_rows' })
  .then((r) => process.stdout.write(`done ${r.created}\n`))
  .finally(() => {
    clearInterval(timer);
    void db.close();
  });
