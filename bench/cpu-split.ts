/**
 * Where the CPU goes during a benchmark phase, per request: this process's main thread (the server),
 * its other threads (the load generator's worker, V8's garbage collector and compiler), and every
 * PostgreSQL process. Read from /proc (Linux); elsewhere nothing is printed. On a machine whose cores
 * the server, the database and the load generator share, this says which of them a change saved.
 */
import fs from 'node:fs';

export interface CpuTimes {
  main: number;
  otherThreads: number;
  postgres: number;
}

const TICKS = 100; // USER_HZ on Linux
const ticksOf = (stat: string) => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS; // utime + stime
};

/** Seconds of CPU used so far, or null where /proc is not there. */
export function cpuTimes(): CpuTimes | null {
  if (!fs.existsSync('/proc/self/task')) return null;
  const t: CpuTimes = { main: 0, otherThreads: 0, postgres: 0 };
  for (const task of fs.readdirSync('/proc/self/task')) {
    try {
      const s = ticksOf(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8'));
      if (task === String(process.pid)) t.main += s;
      else t.otherThreads += s;
    } catch {
      // the thread ended meanwhile
    }
  }
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) t.postgres += ticksOf(stat);
    } catch {
      // the process ended meanwhile
    }
  }
  return t;
}

/** "CPU per request: …" between two readings, with the load generator's own thread taken apart. */
export function cpuLine(before: CpuTimes | null, after: CpuTimes | null, requests: number, loadSeconds: number) {
  if (!before || !after || requests === 0) return '';
  const ms = (s: number) => ((s / requests) * 1000).toFixed(2);
  const gc = after.otherThreads - before.otherThreads - loadSeconds;
  return (
    `  CPU ms per request: server ${ms(after.main - before.main)}, load generator ${ms(loadSeconds)}, ` +
    `other threads (GC) ${ms(Math.max(0, gc))}, PostgreSQL ${ms(after.postgres - before.postgres)}`
  );
}

/** For the load generator's worker (plain JS): its own thread's CPU seconds, or 0 where /proc is not there. */
export const threadCpuSource = `(() => { try { const s = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) / ${TICKS}; } catch { return 0; } })()`;
