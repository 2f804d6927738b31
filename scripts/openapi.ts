// Writes docs/openapi.json from the contract route table; with --check, fails when the committed copy drifted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../apps/server/src/platform/http/openapi.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const target = path.join(root, 'docs/openapi.json');
const text = `${JSON.stringify(buildOpenApi(version), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    process.stderr.write(
      'docs/openapi.json is out of date with the route table: run `npx tsx scripts/openapi.ts` and commit it.\n',
    );
    process.exit(1);
  }
  process.stdout.write('docs/openapi.json matches the route table.\n');
} else {
  fs.writeFileSync(target, text);
  process.stdout.write(`wrote ${path.relative(root, target)}\n`);
}
