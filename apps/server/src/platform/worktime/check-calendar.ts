/**
 * Checks calendar JSON files before they are loaded as an override:
 * `npx tsx apps/server/src/platform/worktime/check-calendar.ts 2027.json` prints each year's spans
 * (to compare with the State Council notice) or every problem found, in Chinese; exit code 1 on errors.
 * The only file of this folder that does I/O; the library itself is pure.
 */
import fs from 'node:fs';
import { describeCalendar, validateCalendarJson } from './calendar.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('用法：npx tsx apps/server/src/platform/worktime/check-calendar.ts <日历.json> …');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const result = validateCalendarJson(fs.readFileSync(file, 'utf8'));
  if (result.ok) {
    console.log(`${file}：通过`);
    for (const line of describeCalendar(result.data)) console.log(`  ${line}`);
  } else {
    failed = true;
    console.error(`${file}：发现 ${result.errors.length} 个问题`);
    for (const line of result.errors) console.error(`  ${line}`);
  }
}
process.exit(failed ? 1 : 0);
